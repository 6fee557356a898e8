package org.uffdvisualizer.cli;

import java.awt.GraphicsEnvironment;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.swing.StartupTrace;
import org.uffdvisualizer.swing.WindowOptions;
import org.uffdvisualizer.swing.WindowStart;

/**
 * {@code java -jar UffdVisualizer.jar} without arguments, the start users make most: the window on
 * the bundled capture, with every option of {@code gui} at its default, opened without building
 * the command line. Picocli would read the options' annotations and have its own classes verified
 * by the old verifier (they are Java 5 class files), about 130 ms of the main thread before it
 * could extract the capture (docs/PERFORMANCE.md, "Start-up").
 *
 * <p>It does not apply when there is no display (then {@code gui} prints the capture's summary) or
 * when one of the original tool's system properties gives an option its default: the command line
 * checks that value and says what is wrong with it.
 */
final class PlainStart {

    private PlainStart() {
    }

    /** Whether a start with {@code args} is the plain one. */
    static boolean applies(String[] args) {
        return args.length == 0 && !GraphicsEnvironment.isHeadless() && !OriginalToolProperties.anySet();
    }

    /**
     * Opens the window; {@code prepared} has its look and feel being set up, {@code firstFrame} as
     * for {@link Main#launch}. Exits with a message if this build carries no bundled capture.
     */
    static void open(WindowStart prepared, Runnable firstFrame) {
        StartupTrace.mark("command-line");
        WindowOptions options = new WindowOptions(0, 0, 0, CaptureLoader.Options.defaults(), true,
                StartupTrace.firstFrameCallback(firstFrame), 1);
        try {
            prepared.openBundled(options);
        } catch (CaptureException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(ExitCodes.USAGE);
        }
    }
}
