package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.Diagnostic;
import org.uffdvisualizer.parse.Diagnostics;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code summary}: what a capture holds, as text tables or JSON. */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = "Print what a capture holds: processes, uffd faults, NMT categories (text or --json).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:--strict and a line could not be used",
            "2:unusable arguments, or unreadable or wrong files", "3:not enough memory (the message says how much heap to give)"})
final class SummaryCommand implements Callable<Integer> {
    /** Diagnostics of one file printed in full on stderr; the rest are counted. */
    private static final int SHOWN_DIAGNOSTICS = 20;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--stats", description = "Add parse time per file, lines per second and the model's heap bytes per 'p' line.")
    boolean stats;

    @Override
    public Integer call() throws Exception {
        LoadedCapture loaded = CaptureLoader.load(input.files(spec), input.loaderOptions(), ProgressListener.NONE);
        Summary summary = new Summary(loaded);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new SummaryJson(summary, stats).write(out);
        } else {
            new SummaryText(summary, stats).write(out);
        }
        out.flush();
        reportDiagnostics(loaded.diagnostics(), spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    /** Prints the lines that could not be used on stderr (also for {@code prefetch}). */
    static void reportDiagnostics(Diagnostics diagnostics, PrintWriter err) {
        long count = diagnostics.count();
        if (count == 0) {
            return;
        }
        for (Path file : diagnostics.files()) {
            int shown = 0;
            long ofFile = diagnostics.omitted(file);
            for (Diagnostic d : diagnostics.list()) {
                if (d.file().equals(file)) {
                    if (shown++ < SHOWN_DIAGNOSTICS) {
                        err.println("warning: " + d);
                    } else {
                        ofFile++;
                    }
                }
            }
            if (ofFile > 0) {
                err.printf("warning: %s: %,d more line(s) skipped, not shown%n", file, ofFile);
            }
        }
        err.printf("warning: %,d line(s) could not be used and were skipped; the summary is incomplete%n", count);
        err.flush();
    }
}
