package org.uffdvisualizer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TimelineChart;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code chart}: the window's timeline chart as PNG or SVG. */
@Command(name = "chart", mixinStandardHelpOptions = true,
        description = {"Write the timeline chart of the restore: faults per interval stacked by owner (kernel, page cache,"
                + " each NMT category, other processes, nobody) and the MiB served so far, over fault index or log time;"
                + " PNG for a .png name, else SVG.", "Works headless (no X server)."})
final class ChartCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1200x400", description = "Size in pixels (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--out", paramLabel = "FILE.png|FILE.svg", required = true, description = "Where to write the chart (atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExportTarget.check(out);      // a directory, a device, a missing parent: refused before the work
        String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
        int w;
        int h;
        try {
            w = Integer.parseInt(wh[0]);
            h = wh.length == 2 ? Integer.parseInt(wh[1]) : -1;
        } catch (NumberFormatException e) {
            h = -1;
            w = -1;
        }
        if (w < 100 || h < 100 || w > 10_000 || h > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--size takes WIDTHxHEIGHT, 100 to 10000 pixels each,"
                    + " not '" + size + "'");
        }
        LoadedCapture loaded = CaptureLoader.load(input.files(spec), input.loaderOptions(), ProgressListener.NONE);
        if (loaded.capture().trace().faultCount() == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "chart needs a uffd log with faults: give --uffd FILE or a directory holding one");
        }
        PageGrid grid = new PageGrid(loaded.capture(), GridOptions.defaults());
        grid.setCursor(loaded.capture().trace().faultCount());
        new TimelineChart(grid).write(out, w, h);
        spec.commandLine().getOut().printf("Wrote %s: %d x %d%n", out, w, h);
        return ExitCodes.OK;
    }
}
