package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uffdvisualizer.prefetch.CostModel;
import org.uffdvisualizer.prefetch.InstallPlan;
import org.uffdvisualizer.prefetch.PageSelection;
import org.uffdvisualizer.prefetch.PrefetchReport;
import org.uffdvisualizer.prefetch.PrefetchText;
import org.uffdvisualizer.prefetch.RestoreRun;
import org.uffdvisualizer.prefetch.RestoreRuns;
import org.uffdvisualizer.prefetch.Strategy;
import org.uffdvisualizer.prefetch.TraceSources;
import org.uffdvisualizer.prefetch.TrainTest;
import org.uffdvisualizer.prefetch.WhatIf;
import org.uffdvisualizer.prefetch.WorkingSetFile;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code prefetch}: what prefetch strategies would have bought on recorded restores, and the working-set export. */
@Command(name = "prefetch", mixinStandardHelpOptions = true,
        description = {"Simulate prefetch strategies on recorded restores of one snapshot: demand faults left, bytes"
                + " fetched and wasted, I/O extents and an estimated restore time, for none, fault-around (around-K),"
                + " 2 MiB blocks (block-2m), the recorded set before resume (recorded), the recorded set in first-touch"
                + " extents in the background (extents-G), and the union and intersection of several recordings.",
            "Sets are trained on one restore and scored on another (default: train on the first trace, score on each"
                + " other one); with a single trace the score is on the training run, and the output says so.",
            "--out writes the strategy's working set in the handler's --prefetch format 2."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:--strict and a line could not be used",
            "2:unusable arguments, or unreadable or wrong files", "3:not enough memory (the message says how much heap to give)"})
final class PrefetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CAPTURE_OR_TRACES", arity = "0..*",
            description = "A capture directory (every restore trace in it: uffd.log*, uffd-restore-N.log*), or restore"
                    + " traces, with the capture's mapping dump and NMT files if --select is used.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "S",
            description = "Score only S (repeat for several): none, around-K (K 1-512), block-2m, recorded, extents-G"
                    + " (G 0-512), union, intersection. Default: the full table. With --out: the set to write"
                    + " (default recorded).")
    List<String> strategies = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the strategy's working set (format 2; .gz compressed) from the training trace.")
    Path out;

    @Option(names = "--select", paramLabel = "NAME",
            description = "Restrict the sets to PID, PID/MAPPING or PID/NMT-CATEGORY; join with + ('146/Java Heap+146/Code'),"
                    + " '!' for all but ('!-1': all but the page cache). Repeat for several rows.")
    List<String> selections = new ArrayList<>();

    @Option(names = "--train", paramLabel = "T",
            description = "Train on trace T (a file, its name, or its number 1..n); repeat for union/intersection.")
    List<String> train = new ArrayList<>();

    @Option(names = "--test", paramLabel = "T", description = "Score on trace T (repeat). Default: every trace not trained on.")
    List<String> test = new ArrayList<>();

    @Option(names = "--fault-cost", paramLabel = "US",
            description = "Cost of a demand fault in microseconds (default ${DEFAULT-VALUE}: docs/uffd-handler.md).")
    double faultCostMicros = CostModel.DEFAULT_FAULT_NANOS / 1000.0;

    @Option(names = "--bandwidth", paramLabel = "B", converter = ByteSizeConverter.class,
            description = "Bytes per second of prefetching, e.g. 758m or 2g (default 758m: docs/uffd-handler.md).")
    long bandwidth = CostModel.DEFAULT_BYTES_PER_SECOND;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    ReadOptions read;

    @Override
    public Integer call() throws Exception {
        List<Strategy> chosen = new ArrayList<>();
        for (String s : strategies) {
            chosen.add(parse(() -> Strategy.parse(s), "--strategy"));
        }
        if (out != null && chosen.size() > 1) {
            throw usage("--out writes one strategy's set: give one --strategy");
        }
        Strategy exported = out == null ? null : chosen.isEmpty() ? Strategy.RECORDED : chosen.get(0);
        if (exported != null && !exported.usesRecording()) {
            throw usage("--out: " + exported.label() + " installs nothing ahead of demand; write recorded, extents-G,"
                    + " union or intersection");
        }
        if (out != null && selections.size() > 1) {
            throw usage("--out writes one set: give at most one --select (join pages with '+')");
        }
        if (out != null) {
            ExportTarget.check(out);        // before the work, not after it
        }
        CostModel cost = parse(() -> new CostModel(Math.round(faultCostMicros * 1000), bandwidth), "--fault-cost/--bandwidth");
        List<Path> named = new ArrayList<>();
        for (String t : concat(train, test)) {
            if (Files.isRegularFile(Path.of(t))) {
                named.add(Path.of(t));
            }
        }
        if (inputs.isEmpty() && named.isEmpty()) {
            throw usage("missing input: give a capture directory or restore traces");
        }
        TraceSources sources = (inputs.isEmpty() ? TraceSources.of(named) : TraceSources.of(inputs)).withTraces(named);
        RestoreRuns loaded = RestoreRuns.load(sources, read.loaderOptions(-1), ProgressListener.NONE);
        TrainTest split = parse(() -> TrainTest.of(loaded.runs(), resolve(loaded, train, "--train"),
                resolve(loaded, test, "--test")), "--train/--test");
        List<PageSelection> pageSelections = new ArrayList<>();
        for (String s : selections) {
            if (loaded.capture() == null) {
                throw usage("--select needs the capture's mapping dump: give the capture directory or its mem_mapping file");
            }
            pageSelections.add(parse(() -> PageSelection.parse(loaded.capture(), s, loaded.runs().get(0)), "--select"));
        }
        List<Strategy> table = chosen.isEmpty() ? null : withBaseline(chosen);
        PrefetchReport report = parse(() -> WhatIf.run(split, table, pageSelections, cost, ProgressListener.NONE),
                "--strategy");
        PrefetchJson.Export export = out == null ? null : export(exported, split, loaded, pageSelections);
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            PrefetchJson.write(report, sources.capture(), export, o);
        } else {
            PrefetchText.write(report, sources.capture(), o);
            if (export != null) {
                o.printf("%nwrote %s: %s%s, %,d pages in %,d extents%n", export.file(), export.strategy(),
                        export.selection() == null ? "" : " [" + export.selection() + "]", export.pages(), export.extents());
            }
        }
        o.flush();
        SummaryCommand.reportDiagnostics(loaded.diagnostics(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    private PrefetchJson.Export export(Strategy s, TrainTest split, RestoreRuns loaded, List<PageSelection> sel)
            throws java.io.IOException {
        List<RestoreRun> trainOn = s.combinesRecordings() && !split.explicitTrain() ? loaded.runs() : split.train();
        PageSelection restrict = sel.isEmpty() ? null : sel.get(0);
        InstallPlan plan;
        try {
            plan = WorkingSetFile.export(out, s, trainOn, restrict, loaded.sources().capture());
        } catch (IllegalArgumentException e) {
            throw usage("--strategy: " + e.getMessage());
        }
        return new PrefetchJson.Export(out.toString(), s.label(), restrict == null ? null : restrict.label(),
                plan.pages(), plan.extents());
    }

    private static List<Strategy> withBaseline(List<Strategy> chosen) {
        List<Strategy> list = new ArrayList<>();
        list.add(Strategy.NONE);
        chosen.stream().filter(s -> !list.contains(s)).forEach(list::add);
        return list;
    }

    /** The runs named by {@code names}: a number 1..n, a file, or a file name. */
    private List<RestoreRun> resolve(RestoreRuns loaded, List<String> names, String option) {
        List<RestoreRun> found = new ArrayList<>();
        for (String n : names) {
            RestoreRun run = null;
            if (n.matches("\\d{1,6}")) {
                int k = Integer.parseInt(n);
                if (k < 1 || k > loaded.runs().size()) {
                    throw usage(option + " " + n + ": there are " + loaded.runs().size() + " traces, numbered 1.."
                            + loaded.runs().size());
                }
                run = loaded.runs().get(k - 1);
            } else if (Files.isRegularFile(Path.of(n))) {
                run = loaded.runOf(Path.of(n));
            } else {
                run = loaded.runs().stream().filter(r -> r.name().equals(n)).findFirst().orElse(null);
            }
            if (run == null) {
                throw usage(option + " " + n + ": not one of the traces " + loaded.runs().stream().map(RestoreRun::name).toList());
            }
            found.add(run);
        }
        return found;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private <T> T parse(java.util.function.Supplier<T> make, String option) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
