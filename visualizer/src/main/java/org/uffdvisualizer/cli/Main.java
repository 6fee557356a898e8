package org.uffdvisualizer.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.NotEnoughMemoryException;
import org.uffdvisualizer.swing.StartupTrace;
import org.uffdvisualizer.swing.WindowStart;
import picocli.CommandLine;

/**
 * Entry point of {@code UffdVisualizer.jar}: the picocli command line; the original tool's
 * invocation {@code java -jar UffdVisualizer.jar MAPPINGS UFFD [NMT]} and
 * {@code java -jar UffdVisualizer.jar CAPTURE_DIR}, recognised by their first argument being a
 * file rather than a subcommand, open the window; no argument opens it on the bundled capture.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        launch(args, null);
    }

    /**
     * Runs the command line as {@code java -jar UffdVisualizer.jar ARGS} does: exits with the command's
     * code unless a window opened. {@code firstFrame}, if not null, runs on the Event Dispatch Thread
     * once the window has painted its first grid; that is how a start-up measurement outside the
     * product (the bench module's FirstFrame) times the same path users take.
     */
    public static void launch(String[] args, Runnable firstFrame) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // No argument opens the bundled capture: the look and feel is set up meanwhile on the Event Dispatch Thread;
        // usually without any command line (PlainStart), else with only gui's model, not that of every subcommand
        // (picocli reads their annotations, a measurable part of the start; docs/PERFORMANCE.md).
        WindowStart prepared = args.length == 0 && !GraphicsEnvironment.isHeadless() ? WindowStart.prepare() : null;
        if (PlainStart.applies(args)) {
            PlainStart.open(prepared, firstFrame);
            return;
        }
        CommandLine cl = args.length == 0 ? ErrorHandler.installOn(new CommandLine(new GuiCommand())) : commandLine();
        GuiCommand gui = args.length == 0 ? cl.getCommand() : cl.getSubcommands().get("gui").getCommand();
        gui.firstFrame = firstFrame;
        gui.prepared = prepared;
        int code = run(cl, args.length == 0 ? args : legacyToSubcommand(cl, args), out, err);
        if (!gui.windowOpened()) {
            System.exit(code);
        }
        // The window is open: the Event Dispatch Thread keeps the program alive until it closes.
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        return run(cl, legacyToSubcommand(cl, args), out, err);
    }

    private static int run(CommandLine cl, String[] args, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Picocli passes errors through; the loader and render turn theirs into messages, this is the rest.
            err.println("error: " + new NotEnoughMemoryException("this command", 0, e).getMessage());
            return ExitCodes.OUT_OF_MEMORY;
        }
    }

    static CommandLine commandLine() {
        return ErrorHandler.installOn(new CommandLine(new UffdVisualizerCommand()));
    }


    /**
     * The original tool took {@code MAPPINGS UFFD [NMT]} as bare arguments and opened its window;
     * so do these, and a lone capture directory, through {@code gui} (which prints the summary
     * when there is no display). The files are told apart by their content, so their order does
     * not matter; if that fails, they are taken in the original order and their parsers say
     * what is wrong. Several capture directories open side by side, compared. No argument at all
     * opens the bundled capture.
     */
    static String[] legacyToSubcommand(CommandLine cl, String[] args) {
        if (args.length == 0) {
            return new String[] {"gui"};
        }
        if (args[0].startsWith("-") || cl.getSubcommands().containsKey(args[0])) {
            return args;
        }
        if (java.util.Arrays.stream(args).allMatch(a -> java.nio.file.Files.isDirectory(java.nio.file.Path.of(a)))) {
            // One capture directory opens it; several compare them (as gui A B does).
            List<String> gui = new ArrayList<>(List.of("gui"));
            gui.addAll(List.of(args));
            return gui.toArray(new String[0]);
        }
        List<String> converted = new ArrayList<>(List.of("gui"));
        List<java.nio.file.Path> paths = java.util.Arrays.stream(args).map(java.nio.file.Path::of).toList();
        if (paths.stream().allMatch(java.nio.file.Files::isRegularFile)) {
            try {
                CaptureFiles files = CaptureFiles.recognise(paths, "the command line", true);
                converted.addAll(List.of("--mappings", files.mappings().toString()));
                if (files.uffd() != null) {
                    converted.addAll(List.of("--uffd", files.uffd().toString()));
                }
                files.nmt().forEach(n -> converted.addAll(List.of("--nmt", n.toString())));
                return converted.toArray(new String[0]);
            } catch (CaptureException e) {
                // Not recognisable: in the original order, so that the parsers say what is wrong.
            }
        }
        converted.addAll(List.of("--mappings", args[0]));
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
