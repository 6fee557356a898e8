package org.uffdvisualizer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uffdvisualizer.swing.StartupTrace;

/**
 * {@code bench --startup}: {@code java -jar UffdVisualizer.jar} to the window's first frame of the
 * bundled capture, against {@link MinimalSwing} (the least a Swing program does to show
 * something), against the same jar with an AppCDS archive of its classes, and with that archive
 * and only the C1 compiler (which shows the C2 compilations' share of the start), in turns so that
 * all see the same load of the machine. Each run is a fresh JVM; its time is taken from outside
 * (from starting the process to reading the line it prints at its first frame) and from inside
 * (since the JVM's creation, with the phases {@link StartupTrace} marks). Prints medians.
 */
final class StartupBench {
    /** What one fresh JVM reported. */
    private record Sample(double wall, double jvm, double classes, double cpu, Map<String, Double> phases,
            Map<String, Double> threadCpu) {
    }

    /** One way of starting, its command line and environment, and what its runs reported. */
    private record Start(String name, List<String> command, Map<String, String> env, List<Sample> samples) {
        Start(String name, List<String> command) {
            this(name, command, Map.of(), new ArrayList<>());
        }

        Start(String name, List<String> command, Map<String, String> env) {
            this(name, command, env, new ArrayList<>());
        }

        double median(ToDoubleFunction<Sample> figure) {
            return StartupBench.median(samples.stream().mapToDouble(figure).toArray());
        }
    }

    private static final String FIRST_FRAME = "first frame ";
    private static final Pattern FRAME_LINE =
            Pattern.compile("first frame (\\d+) ms after JVM start; (\\d+) classes loaded; (-?\\d+) ms CPU");
    private static final long TIMEOUT_S = 120;

    private final String java;
    private final Path jar;
    private final Path benchJar;
    private final Path work;
    private final int runs;
    private final PrintWriter out;

    StartupBench(String java, Path jar, Path benchJar, Path work, int runs, PrintWriter out) {
        this.java = java;
        this.jar = jar;
        this.benchJar = benchJar;
        this.work = work;
        this.runs = runs;
        this.out = out;
    }

    void run() throws IOException, InterruptedException {
        Files.createDirectories(work);
        Path archive = work.resolve("UffdVisualizer-appcds.jsa");
        String measure = "-D" + StartupTrace.PROPERTY + "=exit";
        Files.deleteIfExists(archive);
        out.printf("training run: the AppCDS archive of the classes the start loads, %s%n", archive);
        out.flush();
        sample(List.of(java, "-XX:ArchiveClassesAtExit=" + archive, measure, "-jar", jar.toString()), Map.of());
        if (!Files.exists(archive)) {
            throw new IOException("the training run wrote no archive " + archive);
        }
        // The launcher beside the jar keeps its own archive, which its first start of the window writes.
        Path launcher = jar.resolveSibling("uffdvisualizer");
        Map<String, String> launcherEnv = Map.of("JAVA", java, "UFFDVISUALIZER_JAVA_OPTS", measure, "XDG_CACHE_HOME",
                work.resolve("launcher-cache").toString());
        deleteRecursively(work.resolve("launcher-cache"));
        List<Start> starts = new ArrayList<>(List.of(
                new Start("minimal Swing program (one frame, one painted component)",
                        List.of(java, "-cp", benchJar.toString(), MinimalSwing.class.getName())),
                new Start("`java -jar UffdVisualizer.jar`, bundled capture",
                        List.of(java, measure, "-jar", jar.toString())),
                // -Xshare:on: a run that could not map the archive fails instead of quietly measuring without it.
                new Start("the same with its AppCDS archive (`-XX:SharedArchiveFile`)",
                        List.of(java, "-XX:SharedArchiveFile=" + archive, "-Xshare:on", measure, "-jar", jar.toString())),
                // The JIT compilers' share of the start, measured: C1 only leaves out the C2 compilations.
                new Start("AppCDS and C1 only (`-XX:TieredStopAtLevel=1`)",
                        List.of(java, "-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-XX:TieredStopAtLevel=1", measure,
                                "-jar", jar.toString()))));
        if (Files.exists(launcher)) {
            sample(List.of("sh", launcher.toString()), launcherEnv);       // its first start writes its archive
            starts.add(new Start("`sh uffdvisualizer`, the launcher that keeps an AppCDS archive",
                    List.of("sh", launcher.toString()), launcherEnv));
        }
        String loadBefore = loadAverage();
        for (Start s : starts) {
            sample(s.command(), s.env());                     // warms the page cache; not counted
        }
        for (int r = 0; r < runs; r++) {
            for (Start s : starts) {
                s.samples().add(sample(s.command(), s.env()));
            }
            out.printf("  round %d/%d%n", r + 1, runs);
            out.flush();
        }
        print(starts, loadBefore, loadAverage());
    }

    /** Starts one JVM and reads what it prints at its first frame. */
    private Sample sample(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p = pb.start();
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "startup-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        long firstFrame = -1;
        String frameLine = null;
        Map<String, Double> phases = new LinkedHashMap<>();
        Map<String, Double> threadCpu = new LinkedHashMap<>();
        StringBuilder other = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith(FIRST_FRAME) && firstFrame < 0) {
                    firstFrame = System.nanoTime();
                    frameLine = line;
                } else if (line.startsWith("startup ")) {
                    String[] f = line.split(" ");
                    phases.put(f[1] + " (" + f[3] + ")", Double.parseDouble(f[2]));
                } else if (line.startsWith("cpu ")) {
                    String[] f = line.split(" ");
                    threadCpu.put(f[1], Double.parseDouble(f[2]));
                } else if (other.length() < 2000) {
                    other.append(line).append('\n');
                }
            }
        }
        int code = p.waitFor();
        if (frameLine == null || code != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + code + " without its first-frame line"
                    + (other.length() > 0 ? ":\n" + other : ""));
        }
        Matcher m = FRAME_LINE.matcher(frameLine);
        if (!m.matches()) {
            throw new IOException("unexpected first-frame line: " + frameLine);
        }
        return new Sample((firstFrame - start) / 1e6, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), phases, threadCpu);
    }

    private void print(List<Start> starts, String loadBefore, String loadAfter) {
        Start minimal = starts.get(0);
        double reference = minimal.median(Sample::wall);
        out.println();
        out.printf("Medians of %d runs each, in turns, each a fresh JVM (%s); load average %s before, %s after.%n%n",
                runs, java, loadBefore, loadAfter);
        out.println("| start | to first frame ms (from outside) | x minimal Swing | since JVM creation ms "
                + "| classes loaded | CPU ms |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Start s : starts) {
            double wall = s.median(Sample::wall);
            out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.0f | %.0f | %.0f |%n", s.name(), wall, wall / reference,
                    s.median(Sample::jvm), s.median(Sample::classes), s.median(Sample::cpu));
        }
        out.println();
        out.println("Where the start goes: when each phase ended, ms since the JVM's creation (medians; the phases"
                + " on other threads overlap those of the Event Dispatch Thread).");
        out.println();
        out.println("| phase ended (thread) | " + starts.get(1).name() + " | with AppCDS |");
        out.println("|---|---:|---:|");
        for (String phase : starts.get(1).samples().get(0).phases().keySet()) {
            out.printf(Locale.ROOT, "| %s | %.0f | %.0f |%n", phase,
                    starts.get(1).median(x -> x.phases().getOrDefault(phase, Double.NaN)),
                    starts.get(2).median(x -> x.phases().getOrDefault(phase, Double.NaN)));
        }
        out.printf(Locale.ROOT, "| first frame painted | %.0f | %.0f |%n", starts.get(1).median(Sample::jvm),
                starts.get(2).median(Sample::jvm));
        out.printf(Locale.ROOT, "| (process start to JVM creation: outside - inside) | %.0f | %.0f |%n",
                starts.get(1).median(x -> x.wall() - x.jvm()), starts.get(2).median(x -> x.wall() - x.jvm()));
        out.println();
        out.println("Which threads used the CPU to the first frame, ms (medians; other = threads that had ended, such as"
                + " the capture's parse, and the JVM's remaining threads):");
        out.println();
        out.println("| threads | " + String.join(" | ", starts.stream().map(Start::name).toList()) + " |");
        out.println("|---|" + "---:|".repeat(starts.size()));
        for (String group : starts.get(1).samples().get(0).threadCpu().keySet()) {
            out.print("| " + group + " |");
            for (Start s : starts) {
                out.printf(Locale.ROOT, " %.0f |", s.median(x -> x.threadCpu().getOrDefault(group, Double.NaN)));
            }
            out.println();
        }
        out.println();
        out.println("to first frame (from outside) = from starting the process to reading the line it prints when the"
                + " paint that first showed the grid (the minimal program: its component) is over; since JVM creation"
                + " = the same end from the JVM's start time (RuntimeMXBean); CPU = the process's, all threads.");
        out.flush();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
