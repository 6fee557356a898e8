package org.uffdvisualizer.cli;

import org.uffdvisualizer.parse.BadLineException;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.NotEnoughMemoryException;
import org.uffdvisualizer.progress.CancelledException;
import org.uffdvisualizer.render.ExportTarget;
import picocli.CommandLine;

/**
 * Turns what a command throws into a message on stderr and an exit code: users see what is
 * wrong with their files, never a stack trace (unless it is a bug, which keeps its trace).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /**
     * Makes {@code cl} handle errors so, and its usage errors about a default that one of the
     * original tool's system properties gave say so. Here rather than in {@link Main}, whose
     * verification would then load picocli's classes also for the plain start, which has none.
     */
    static CommandLine installOn(CommandLine cl) {
        cl.setExecutionExceptionHandler(new ErrorHandler());
        CommandLine.IParameterExceptionHandler standard = cl.getParameterExceptionHandler();
        cl.setParameterExceptionHandler((ex, args) -> standard.handleParseException(GridDefaults.Gui.explain(ex, args), args));
        return cl;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (ex instanceof BadLineException bad) {
            cl.getErr().println("error: " + bad.getMessage());
            cl.getErr().println("(--strict stops at the first line it cannot use; without it such lines are skipped)");
            return ExitCodes.BAD_LINE;
        }
        if (ex instanceof NotEnoughMemoryException memory) {
            cl.getErr().println("error: " + memory.getMessage());
            return ExitCodes.OUT_OF_MEMORY;
        }
        if (ex instanceof ExportTarget.ExportException export) {
            cl.getErr().println("error: " + export.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof CaptureException capture) {
            cl.getErr().println("error: " + capture.getMessage());
            return ExitCodes.USAGE;
        }
        if (ex instanceof CancelledException) {
            cl.getErr().println("cancelled");
            return ExitCodes.CANCELLED;
        }
        cl.getErr().println("internal error (please report it): " + ex);
        ex.printStackTrace(cl.getErr());
        return CommandLine.ExitCode.SOFTWARE;
    }
}
