package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.uffdvisualizer.analyze.LocalityReport;
import org.uffdvisualizer.analyze.LocalityText;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.SelectionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code analyze}: locality of the restore's fault order, for the whole trace and a selection. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Print how local the restore's fault order is: next-page faults and runs of physically"
                + " consecutive faults, 2 MiB blocks touched and their fill, the fault-time CDF (when the log has"
                + " times), and per owner (mapping, NMT category) its first and last fault, pages faulted and"
                + " contiguous extents in virtual versus guest-physical order.",
            "Text prints the main table; --json prints everything."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:--strict and a line could not be used",
            "2:unusable arguments, or unreadable or wrong files"})
final class AnalyzeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--select", paramLabel = "PID[/NAME]",
            description = "Also the figures for a process (0 kernel, -1 page cache), one of its mappings by name, or one"
                    + " of its NMT categories: its faults, and its pages in the owner table.")
    String select;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LoadedCapture loaded = CaptureLoader.load(input.files(spec), input.loaderOptions(), ProgressListener.NONE);
        if (loaded.capture().trace().faultCount() == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "analyze needs a uffd log with faults: give --uffd FILE or a directory holding one");
        }
        Selection selection = null;
        if (select != null) {
            try {
                selection = SelectionSpec.resolve(loaded.capture(), select);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--select " + e.getMessage());
            }
        }
        LocalityReport a = LocalityReport.of(loaded.capture(), selection == null ? null : selection.label(),
                selection == null ? null : selection::containsFrame);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            AnalyzeJson.write(a, out);
        } else {
            LocalityText.write(a, out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
