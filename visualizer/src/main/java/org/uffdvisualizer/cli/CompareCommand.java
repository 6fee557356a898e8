package org.uffdvisualizer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparedRun;
import org.uffdvisualizer.compare.ComparisonText;
import org.uffdvisualizer.compare.NamedSelection;
import org.uffdvisualizer.compare.ReplayPoint;
import org.uffdvisualizer.compare.Stability;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.parse.NotEnoughMemoryException;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.SideBySideSnapshot;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare}: two or more captures matched by owner: table, fault overlaps, stability, warnings; grids side by side. */
@Command(name = "compare", mixinStandardHelpOptions = true, defaultValueProvider = CompareCommand.Defaults.class,
        description = {"Compare captures by what their pages are, not where: per process (by executable), mapping name and"
                + " NMT category their virtual, committed, resident, PSS, uffd-loaded, zero-filled and touched figures and"
                + " the difference to the baseline; the overlap of the faulted pages (Jaccard); for three or more restores"
                + " of one snapshot, their stability; and warnings when the runs differ in ways that make this meaningless.",
            "A capture is a directory, a uffd log inside one (that restore of its snapshot), or MAPPINGS,UFFD,NMT files."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:--strict and a line could not be used",
            "2:unusable arguments, unreadable or wrong files, or an --out that cannot be written",
            "3:not enough memory (the message says how much heap to give)"})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "CAPTURE", description = "The captures; the first is the baseline unless --baseline says otherwise.")
    List<String> captures;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Also write the grids side by side, labelled, with a legend (atomically).")
    Path out;

    @Option(names = "--select", paramLabel = "NAME",
            description = "A selection applied to every capture by name: an NMT category (\"Java Heap\"), a process's executable"
                    + " (java) or a mapping (libjvm.so, classes.jsa, [heap]); its own row, overlap and highlight.")
    String select;

    @Option(names = "--at", paramLabel = "FRACTION|end", defaultValue = "end",
            description = "Replay position as a fraction of each trace (0.5) or 'end', for the touched figures, fault sets"
                    + " and pictures (default: ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--baseline", paramLabel = "N", defaultValue = "1", description = "Which capture is the baseline, from 1 (default: ${DEFAULT-VALUE}).")
    int baseline;

    @Mixin
    ReadOptions read;

    @Mixin
    GridLayoutOptions grid;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            ExportTarget.check(out);
        }
        int scale = scale();
        ReplayPoint point;
        try {
            point = ReplayPoint.parse(at);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at " + e.getMessage());
        }
        if (baseline < 1 || baseline > captures.size()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--baseline must be 1.." + captures.size()
                    + " (one of the captures given), not " + baseline);
        }
        NamedSelection selection = select == null ? null : namedSelection();
        List<ComparedRun> runs = new ArrayList<>();
        for (String c : captures) {
            LoadedCapture loaded = CaptureLoader.load(CaptureArguments.files(c), read.loaderOptions(-1),
                    ProgressListener.NONE);
            ComparedRun run = ComparedRun.of(loaded).at(point);
            runs.add(selection == null ? run : run.withSelection(selection));
        }
        if (selection != null && runs.stream().allMatch(r -> r.selection().isEmpty()
                && selection.matchIn(r.capture()) == NamedSelection.Match.NOTHING)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--select '" + select
                    + "': no capture has an NMT category, process or mapping of that name");
        }
        CaptureComparison comparison = CaptureComparison.of(runs, baseline - 1);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            ComparisonJson.write(comparison, select, stdout);
        } else {
            new ComparisonText(comparison).write(stdout);
        }
        stdout.flush();
        if (out != null) {
            writePicture(comparison, scale, json ? spec.commandLine().getErr() : stdout);
        }
        reportSkippedLines(runs, spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    private NamedSelection namedSelection() {
        try {
            return NamedSelection.of(select);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--select: " + e.getMessage());
        }
    }

    private int scale() {
        int s = grid.wholeScale(spec);
        if (grid.width < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be 0 (chooses one) or more, not "
                    + grid.width);
        }
        return s;
    }

    /**
     * The grids at each run's replay position, one width for all so that equal addresses sit side
     * by side; with three or more restores of one snapshot, their stability colouring beside them.
     */
    private void writePicture(CaptureComparison comparison, int scale, PrintWriter report) throws IOException,
            NotEnoughMemoryException {
        List<ComparedRun> runs = comparison.runs();
        int width = grid.width;
        if (width == 0) {
            for (ComparedRun r : runs) {
                long cells = (r.capture().physical().frameCount() + grid.framesPerCell - 1) / grid.framesPerCell;
                width = Math.max(width, PageGrid.autoWidth(cells));
            }
        }
        List<PageGrid> grids = new ArrayList<>();
        List<List<String>> labels = new ArrayList<>();
        long heap = 0;
        for (ComparedRun r : runs) {
            heap += r.capture().heapBytes();
        }
        for (int i = 0; i < runs.size(); i++) {
            ComparedRun r = runs.get(i);
            ImageBudget.check(r.capture().physical().frameCount(), grid.framesPerCell, width, scale, heap);
            PageGrid g;
            try {
                g = new PageGrid(r.capture(), GridOptions.defaults().withWidth(width).withFramesPerCell(grid.framesPerCell)
                        .withOverlays(Overlay.defaults()));
            } catch (OutOfMemoryError e) {
                throw new NotEnoughMemoryException("these images", 0, e);
            }
            if (r.selection() != null) {
                g.setSelection(r.selection());
            }
            g.setCursor(r.cursor());
            grids.add(g);
            labels.add(label(i, r));
        }
        try {
            Stability stability = comparison.stability().orElse(null);
            int coloured = stability == null || stability.runs().contains(baseline - 1) ? baseline - 1
                    : stability.runs().get(0);
            RenderCommand.writePng(SideBySideSnapshot.of(grids, labels, scale, stability, coloured), out);
        } catch (OutOfMemoryError e) {
            throw new NotEnoughMemoryException("this image", 0, e);
        }
        report.printf("Wrote %s: %d grids side by side%s, %d cells wide%n", out, grids.size(),
                comparison.stability().isPresent() ? " and their stability" : "", width);
        report.flush();
    }

    /** The heading of a grid: its number and capture, then JDK, flags and replay position. */
    private List<String> label(int i, ComparedRun r) {
        List<String> lines = new ArrayList<>();
        lines.add((i + 1) + (i == baseline - 1 ? " (baseline) " : " ") + r.facts().name());
        String details = r.label().substring(r.facts().name().length()).trim();
        if (details.startsWith("(") && details.endsWith(")")) {
            details = details.substring(1, details.length() - 1);
        }
        if (!details.isEmpty()) {
            lines.add(details);
        }
        int faults = r.capture().trace().faultCount();
        lines.add(faults == 0 ? "no uffd log" : String.format(Locale.ROOT, "fault %,d of %,d", r.cursor(), faults));
        return lines;
    }

    private static void reportSkippedLines(List<ComparedRun> runs, PrintWriter err) {
        for (ComparedRun r : runs) {
            long skipped = r.loaded().diagnostics().count();
            if (skipped > 0) {
                err.printf(Locale.ROOT, "warning: %s: %,d line(s) could not be used and were skipped (summary lists them)%n",
                        r.facts().name(), skipped);
            }
        }
        err.flush();
    }

    /** The grids of {@code --out}: 1 px per page, a width chosen to make each grid about square. */
    static final class Defaults extends GridDefaults {
        Defaults() {
            super(Map.of("--scale", "1", "--width", "0", "--page-size", "4096"));
        }
    }
}
