package org.uffdvisualizer.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.swing.BundledCapture;
import org.uffdvisualizer.swing.CaptureSource;
import org.uffdvisualizer.swing.Preload;
import org.uffdvisualizer.swing.StartupTrace;
import org.uffdvisualizer.swing.WindowOptions;
import org.uffdvisualizer.swing.WindowStart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gui}: opens the window on a capture (the bundled sample when none is given). Without a
 * display it says so and prints the capture's summary instead.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, defaultValueProvider = GridDefaults.Gui.class,
        description = {"Open the window: physical page grid, process and NMT tree, replay of the restore's faults.",
            "With more captures after the first (gui A B [C...]), opens them side by side to compare them with the"
                + " first, the baseline. A capture is a directory, a uffd log inside one (that restore of its snapshot),"
                + " or MAPPINGS,UFFD,NMT files, as for compare.",
            "Without a capture, opens the real capture bundled in the jar. The original tool's system properties"
                + " uffdVisualizer.scale, .width, .physicalMemory and .pageSize give the defaults of the options below."})
final class GuiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    GridLayoutOptions gridOptions;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "CAPTURE",
            description = "More captures (directories, uffd logs inside one, or FILE,FILE,...), shown beside the first"
                    + " and compared with it.")
    List<String> compared = new ArrayList<>();

    @Option(names = "--physical-memory", paramLabel = "BYTES", converter = ByteSizeConverter.class,
            description = "Memory the grid shows (e.g. 1073741824, 4g); 0 for the capture's (default: ${DEFAULT-VALUE}).")
    long physicalMemory;

    /** Called on the Event Dispatch Thread once the first grid is painted; set by {@link Main#launch}, else null. */
    Runnable firstFrame;

    /** The window's look and feel already being set up (by {@link Main#launch}, while it parsed the command line), or null. */
    WindowStart prepared;

    private boolean windowOpened;

    /** Whether a window was opened, so that the caller must not end the program. */
    boolean windowOpened() {
        return windowOpened;
    }

    @Override
    public Integer call() throws Exception {
        StartupTrace.mark("command-line");
        PrintWriter err = spec.commandLine().getErr();
        if (gridOptions.scale < 0 || gridOptions.scale > 64) {
            throw usage("--scale", "--scale must be 0..64 (0 fits the window), not " + gridOptions.scale);
        }
        if (gridOptions.width < 0) {
            throw usage("--width", "--width must be 0 (chooses one) or more, not " + gridOptions.width);
        }
        if (physicalMemory / 4096 > Integer.MAX_VALUE - 64) {
            throw usage("--physical-memory", "--physical-memory must be below 8 TiB, not " + physicalMemory);
        }
        boolean headless = GraphicsEnvironment.isHeadless();
        CaptureLoader.Options loader = input.loaderOptions();
        WindowOptions options = new WindowOptions(gridOptions.scale, gridOptions.width, physicalMemory / 4096, loader,
                true, StartupTrace.firstFrameCallback(firstFrame),
                gridOptions.framesPerCell);
        boolean bundled = input.directory == null && input.mappings == null;
        if (bundled && !headless) {
            prepared().openBundled(options);
            windowOpened = true;
            return ExitCodes.OK;
        }
        CaptureSource source;
        List<CaptureSource> others = new ArrayList<>();
        for (String c : compared) {
            others.add(source(c, loader));
        }
        if (bundled) {
            source = BundledCapture.source(loader);
        } else if (input.directory != null && input.uffd == null && input.nmt.isEmpty()) {
            source = source(input.directory.toString(), loader);
        } else {
            source = CaptureSource.ofFiles(input.files(spec), loader);
        }
        if (headless) {
            err.println("No display available (headless" + (System.getenv("DISPLAY") == null ? ", DISPLAY is not set"
                    : "") + "): cannot open the window. Here is the summary of " + source.title() + " instead;"
                    + " 'render --out FILE.png' draws the grid without a display"
                    + (others.isEmpty() ? "." : ", 'compare' compares captures without one."));
            err.flush();
            LoadedCapture loaded = CaptureLoader.load(source.resolve(), loader, ProgressListener.NONE);
            new SummaryText(new Summary(loaded), false).write(spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        WindowStart window = prepared().build(options);
        // Parse while the look and feel and the window are being set up (two things at once at start-up),
        // the compared captures too, each in a thread of its own.
        Preload preload = Preload.start(source);
        List<Preload> preloads = others.stream().map(Preload::start).toList();
        window.show(source, preload, others, preloads);
        windowOpened = true;
        return ExitCodes.OK;
    }

    private WindowStart prepared() {
        return prepared != null ? prepared : WindowStart.prepare();
    }

    /**
     * The capture one argument names, as {@code compare} takes it ({@link CaptureArguments}); a
     * directory stays a directory, scanned again on reload. Checked here, on the command line.
     */
    private static CaptureSource source(String argument, CaptureLoader.Options loader) throws CaptureException {
        CaptureFiles files = CaptureArguments.files(argument);
        if (argument.contains(",")) {
            return CaptureSource.ofFiles(files, loader);
        }
        Path p = Path.of(argument);
        return Files.isDirectory(p) ? CaptureSource.ofDirectory(p, loader) : CaptureSource.ofRestore(files, loader);
    }

    /** A usage error about one option, so that the message can say where a bad default came from. */
    private CommandLine.ParameterException usage(String option, String message) {
        CommandLine.Model.OptionSpec o = spec.findOption(option);
        return new CommandLine.ParameterException(spec.commandLine(), message, o, String.valueOf((Object) o.getValue()));
    }
}
