package org.uffdvisualizer.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.swing.AppPreferences;
import org.uffdvisualizer.swing.BundledCapture;
import org.uffdvisualizer.swing.CaptureSource;
import org.uffdvisualizer.swing.MainWindow;
import org.uffdvisualizer.swing.Preload;
import org.uffdvisualizer.swing.WindowOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gui}: opens the window on a capture (the bundled sample when none is given). Without a
 * display it says so and prints the capture's summary instead.
 */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Open the window: physical page grid, process and NMT tree, replay of the restore's faults.",
            "Without a capture, opens the real capture bundled in the jar. The original tool's system properties"
                + " uffdVisualizer.scale, .width, .physicalMemory and .pageSize give the defaults of the options below."})
final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--scale", paramLabel = "PX", defaultValue = "${sys:uffdVisualizer.scale:-0}",
            description = "Pixels per cell side to start with; 0 fits the window (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--width", paramLabel = "CELLS", defaultValue = "${sys:uffdVisualizer.width:-0}",
            description = "Cells (pages, unless --page-size is larger) per row; 0 chooses one (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--physical-memory", paramLabel = "BYTES", defaultValue = "${sys:uffdVisualizer.physicalMemory:-0}",
            description = "Memory the grid shows (e.g. 1073741824, 4g); 0 for the capture's (default: ${DEFAULT-VALUE}).")
    String physicalMemory;

    @Option(names = "--page-size", paramLabel = "BYTES", defaultValue = "${sys:uffdVisualizer.pageSize:-4096}",
            description = "Bytes one cell stands for: 4096 (one page), or a power-of-two multiple such as 2097152"
                + " (2 MiB, as with huge pages); a cell shows the most notable of its pages (default: ${DEFAULT-VALUE}).")
    String pageSize;

    @Option(names = "--exit-after-first-frame", hidden = true,
            description = "Print the time from JVM start to the first painted grid, then exit (start-up measurement).")
    boolean exitAfterFirstFrame;

    private boolean windowOpened;

    /** Whether a window was opened, so that the caller must not end the program. */
    boolean windowOpened() {
        return windowOpened;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (scale < 0 || scale > 64 || width < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be 0..64 and --width positive");
        }
        long frames = parseBytes(physicalMemory) / 4096;
        int framesPerCell = PageSizeOption.framesPerCell(spec, "--page-size (uffdVisualizer.pageSize)", pageSize);
        boolean bundled = input.directory == null && input.mappings == null;
        CaptureLoader.Options loader = input.loaderOptions(spec);
        CaptureSource source;
        if (bundled) {
            CaptureFiles files = BundledCapture.extract();
            source = new CaptureSource(BundledCapture.TITLE, null, files, loader);
        } else if (input.directory != null && input.uffd == null && input.nmt.isEmpty()) {
            CaptureFiles.inDirectory(input.directory);     // fail here, on the command line, if it is no capture
            source = CaptureSource.ofDirectory(input.directory, loader);
        } else {
            source = CaptureSource.ofFiles(input.files(spec), loader);
        }
        if (GraphicsEnvironment.isHeadless()) {
            err.println("No display available (headless" + (System.getenv("DISPLAY") == null ? ", DISPLAY is not set"
                    : "") + "): cannot open the window. Here is the summary of " + source.title() + " instead;"
                    + " 'render --out FILE.png' draws the grid without a display.");
            err.flush();
            LoadedCapture loaded = CaptureLoader.load(source.resolve(), loader, ProgressListener.NONE);
            new SummaryText(new Summary(loaded, -1), false).write(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        PrintWriter out = spec.commandLine().getOut();
        Runnable firstFrame = !exitAfterFirstFrame ? null : () -> {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            out.printf(Locale.ROOT, "first frame of %s painted %d ms after JVM start%n", source.title(), sinceStart);
            out.flush();
            System.exit(0);
        };
        WindowOptions options = new WindowOptions(scale, width, frames, loader, true, firstFrame, framesPerCell);
        // Parse while the look and feel and the window are being set up (two things at once at start-up).
        Preload preload = Preload.start(source);
        SwingUtilities.invokeLater(() -> {
            AppPreferences prefs = AppPreferences.user();
            MainWindow.installLookAndFeel(prefs);
            MainWindow window = new MainWindow(options, prefs);
            window.setVisible(true);
            window.open(source, preload);
        });
        windowOpened = true;
        return ExitCodes.OK;
    }

    private long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g") || t.endsWith("t")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L << 40;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * unit;
            if (v < 0 || v / 4096 > Integer.MAX_VALUE - 64) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--physical-memory takes a size in bytes (suffix k, m, g allowed), not '" + text + "'");
        }
    }
}
