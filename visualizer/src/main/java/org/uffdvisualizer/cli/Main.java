package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of {@code UffdVisualizer.jar}: the picocli command line, and the original tool's
 * invocation {@code java -jar UffdVisualizer.jar MAPPINGS UFFD [NMT]}, which is recognised by
 * its first argument being a file rather than a subcommand.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(run(args, out, err));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(legacyToSubcommand(cl, args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new UffdVisualizerCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    /**
     * The original tool took {@code MAPPINGS UFFD [NMT]} as bare arguments. Until the window
     * exists those print the capture's summary, as the original printed its parse lines first.
     */
    static String[] legacyToSubcommand(CommandLine cl, String[] args) {
        if (args.length == 0 || args[0].startsWith("-") || cl.getSubcommands().containsKey(args[0])) {
            return args;
        }
        List<String> converted = new ArrayList<>(List.of("summary", "--mappings", args[0]));
        if (args.length > 1) {
            converted.add("--uffd");
            converted.add(args[1]);
        }
        for (int i = 2; i < args.length; i++) {
            converted.add("--nmt");
            converted.add(args[i]);
        }
        return converted.toArray(new String[0]);
    }
}
