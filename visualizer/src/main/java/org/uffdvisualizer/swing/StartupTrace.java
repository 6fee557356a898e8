package org.uffdvisualizer.swing;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start-up measurement, measured from outside the process as users start it:
 * {@code java -Duffdvisualizer.firstFrame=exit -jar UffdVisualizer.jar} exits as soon as the
 * window has painted its first grid, after printing on standard output when each phase of the
 * start ended (milliseconds since the JVM was created) and the figures of the whole start:
 *
 * <pre>
 * startup main 58 main
 * startup capture-parsed 604 capture-preload
 * ...
 * cpu event-dispatch 530
 * cpu jit-c2 440
 * ...
 * first frame 912 ms after JVM start; 3402 classes loaded; 1310 ms CPU
 * </pre>
 *
 * Without the property nothing is recorded. The phases are marked where they end, on the thread
 * that ends them, so the parse on its own thread shows how far it overlaps building the window.
 * Nothing here loads classes before the first frame beyond this one: the JVM's start time and
 * the counts are read only then.
 */
public final class StartupTrace {
    /** The system property; its value {@code exit} turns the measurement on. */
    public static final String PROPERTY = "uffdvisualizer.firstFrame";
    private static final boolean ON = "exit".equals(System.getProperty(PROPERTY));
    private static final List<String> NAMES = new ArrayList<>();
    private static final List<Long> NANOS = new ArrayList<>();
    private static final List<String> THREADS = new ArrayList<>();

    private StartupTrace() {
    }

    /**
     * What a window started with {@code given} as its first-frame callback runs at its first frame:
     * {@code given}, else, when this run measures its start, {@link #firstFrameAndExit}; null for neither.
     */
    public static Runnable firstFrameCallback(Runnable given) {
        return given == null && ON ? StartupTrace::firstFrameAndExit : given;
    }

    /** Notes that phase {@code name} ended now, on this thread. Any thread; nothing when off. */
    public static void mark(String name) {
        if (ON) {
            long now = System.nanoTime();
            synchronized (NAMES) {
                NAMES.add(name);
                NANOS.add(now);
                THREADS.add(Thread.currentThread().getName());
            }
        }
    }

    /**
     * The process's CPU time so far by group of threads, in ms: which threads the start kept busy
     * (on two cores, the JIT compilers' share is what the Event Dispatch Thread waits for). Read
     * from Linux's per-thread scheduler statistics, which count the JVM's own threads too; threads
     * that have ended count under {@code other}, as the rest of {@code totalMs}. Empty elsewhere.
     */
    private static Map<String, Long> threadCpu(long totalMs) {
        Map<String, Long> ms = new LinkedHashMap<>();
        for (String group : new String[] {"event-dispatch", "main", "jit-c1", "jit-c2", "gc"}) {
            ms.put(group, 0L);
        }
        long counted = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                long nanos = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                String group = group(Files.readString(task.resolve("comm")).strip());
                if (group != null) {
                    ms.merge(group, nanos / 1_000_000, Long::sum);
                    counted += nanos / 1_000_000;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();    // not Linux, or no scheduler statistics: the figures are a help, not needed
        }
        ms.put("other", Math.max(0, totalMs - counted));
        return ms;
    }

    private static String group(String thread) {
        if (thread.startsWith("AWT-EventQueue")) {
            return "event-dispatch";
        } else if (thread.equals("java")) {
            return "main";              // the launcher's thread, which ran main()
        } else if (thread.startsWith("C1 Compiler")) {
            return "jit-c1";
        } else if (thread.startsWith("C2 Compiler")) {
            return "jit-c2";
        } else if (thread.startsWith("GC Thread") || thread.startsWith("G1 ")) {
            return "gc";
        }
        return null;
    }

    /** Prints the phases and the whole start's figures on standard output, then ends the program. First frame's callback. */
    public static void firstFrameAndExit() {
        PrintStream out = System.out;
        long now = System.nanoTime();
        // Paired with now: the JVM's uptime in ms turns every nanoTime mark into time since the JVM's creation.
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
        int classes = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1_000_000 : -1;
        synchronized (NAMES) {
            for (int i = 0; i < NAMES.size(); i++) {
                out.printf(Locale.ROOT, "startup %s %d %s%n", NAMES.get(i), uptime - (now - NANOS.get(i)) / 1_000_000,
                        THREADS.get(i).replace(' ', '_'));
            }
        }
        threadCpu(cpu).forEach((group, ms) -> out.printf(Locale.ROOT, "cpu %s %d%n", group, ms));
        out.printf(Locale.ROOT, "first frame %d ms after JVM start; %d classes loaded; %d ms CPU%n", uptime, classes, cpu);
        out.flush();
        System.exit(0);
    }
}
