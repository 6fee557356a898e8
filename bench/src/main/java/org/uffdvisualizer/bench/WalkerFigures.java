package org.uffdvisualizer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The page walker's figures for {@code bench --walker}: runs guest-tools' {@code bench-walker}
 * on a JVM it starts and stops itself ({@code -w}) and passes its report through (wall times,
 * syscalls, RSS of the per-page pread walker and of virt2phys, and the speed-up). It needs root
 * and the built guest tools ({@code make -C guest-tools}), so it runs only when asked.
 */
final class WalkerFigures {
    private static final String RUNS = "11";

    private WalkerFigures() {
    }

    static void print(Path benchWalker, PrintWriter out) throws IOException, InterruptedException {
        out.printf("%nPage walker (%s -n %s -w; load average %s):%n", benchWalker, RUNS, loadAverage());
        out.flush();
        Process p = new ProcessBuilder(benchWalker.toString(), "-n", RUNS, "-w").redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.println("    " + line);
            }
        }
        int status = p.waitFor();
        if (status != 0) {
            out.printf("    (bench-walker failed with exit status %d)%n", status);
        }
        out.flush();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ", 2)[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
