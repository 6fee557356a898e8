package org.uffdvisualizer.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.uffdvisualizer.cli.Main;

/**
 * Time from {@code java} start to the window's first painted grid, measured the way a user starts
 * the product: {@link Main#launch} with the same arguments as {@code java -jar UffdVisualizer.jar},
 * whose first-frame callback prints the time since the JVM started and exits.
 *
 * <pre>xvfb-run -a java -cp uffdvisualizer-bench.jar org.uffdvisualizer.bench.FirstFrame [gui arguments]</pre>
 */
public final class FirstFrame {
    private FirstFrame() {
    }

    public static void main(String[] args) {
        Main.launch(args, () -> {
            long sinceStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
            System.out.printf(Locale.ROOT, "first frame painted %d ms after JVM start (%s)%n", sinceStart,
                    args.length == 0 ? "bundled capture" : String.join(" ", args));
            System.out.flush();
            System.exit(0);
        });
    }
}
