package org.uffdvisualizer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.FileStats;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * One measurement in a fresh JVM, started by {@code bench} as
 * {@code java -Xmx.. -cp UffdVisualizer.jar org.uffdvisualizer.bench.BenchProbe MODE DIR}; prints
 * one line of {@code key=value} pairs on stdout.
 * <ul>
 * <li>{@code count DIR}: the line-counting loop over each file of the capture.</li>
 * <li>{@code compare DIR DIR}, {@code views DIR...}: the comparison's figures ({@link CompareFigures}).</li>
 * <li>{@code load DIR}: loads the capture as {@code summary} does; per-file parse time and bytes,
 *     the whole load, peak heap (sum of the heap pools' peaks), the heap in use after a GC, the
 *     model's own count of bytes per {@code p} line, and the process's peak RSS (VmHWM); then the
 *     window's figures ({@link RenderFigures}) and the peak RSS with them.</li>
 * </ul>
 */
public final class BenchProbe {
    private BenchProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !args[0].equals("views") && args.length != (args[0].equals("compare") ? 3 : 2)) {
            System.err.println("usage: BenchProbe count|load DIR | compare DIR DIR | views DIR...");
            System.exit(2);
        }
        StringBuilder out = new StringBuilder();
        switch (args[0]) {
            case "count" -> count(CaptureFiles.inDirectory(Path.of(args[1])), out);
            case "load" -> load(CaptureFiles.inDirectory(Path.of(args[1])), out);
            case "compare" -> CompareFigures.diff(Path.of(args[1]), Path.of(args[2]), out);
            case "views" -> CompareFigures.views(java.util.Arrays.stream(args, 1, args.length).map(Path::of).toList(), out);
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println(out.toString().trim());
    }

    private static List<Path> all(CaptureFiles files) {
        List<Path> all = new ArrayList<>();
        all.add(files.mappings());
        if (files.uffd() != null) {
            all.add(files.uffd());
        }
        all.addAll(files.nmt());
        return all;
    }

    private static void count(CaptureFiles files, StringBuilder out) throws IOException {
        for (Path f : all(files)) {
            long t0 = System.nanoTime();
            long[] r = LineCounter.count(f);
            long ns = System.nanoTime() - t0;
            put(out, key(f) + ".lines", r[0]);
            put(out, key(f) + ".bytes", r[1]);
            put(out, key(f) + ".ns", ns);
        }
    }

    private static void load(CaptureFiles files, StringBuilder out) throws Exception {
        // No System.gc() before loading: a full GC here would shrink the heap and make the load
        // grow it again, which is not what a user's JVM does. The few MB the JVM itself holds
        // are counted in "retained".
        resetPeaks();
        long t0 = System.nanoTime();
        LoadedCapture loaded = loadStrict(files);
        long loadNs = System.nanoTime() - t0;
        long peak = peakHeap();
        long retained = usedAfterGc();
        for (FileStats s : loaded.stats()) {
            put(out, key(s.file()) + ".lines", s.lines());
            put(out, key(s.file()) + ".bytes", s.textBytes());
            put(out, key(s.file()) + ".ns", s.nanos());
            put(out, key(s.file()) + ".index.ns", s.indexNanos());
        }
        long entries = loaded.capture().mappings().entryCount();
        put(out, "load.ns", loadNs);
        put(out, "entries", entries);
        put(out, "frames", loaded.capture().physical().frameCount());
        put(out, "diagnostics", loaded.diagnostics().count());
        put(out, "heap.peak", peak);
        put(out, "heap.retained", retained);
        put(out, "heap.model", loaded.capture().heapBytes());
        put(out, "rss.peak", vmHwm());
        put(out, "heap.max", Runtime.getRuntime().maxMemory());
        RenderFigures.measure(loaded.capture(), out);
        put(out, "rss.peak.window", vmHwm());
    }

    static LoadedCapture loadStrict(CaptureFiles files) throws Exception {
        return CaptureLoader.load(files, new CaptureLoader.Options(true, MemoryLayout.X86_64, -1), ProgressListener.NONE);
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks since {@link #resetPeaks()} (garbage included). */
    static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    /** Which file of the capture: mappings, uffd, nmt (all NMT files together count as one). */
    private static String key(Path f) {
        String n = f.getFileName().toString();
        return n.startsWith("mem_mapping") ? "mappings" : n.startsWith("uffd") ? "uffd" : "nmt." + n;
    }

    static void put(StringBuilder out, String key, Object value) {
        out.append(key).append('=').append(value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : value)
                .append(' ');
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Peak resident set size of this process in bytes (Linux), or -1. */
    static long vmHwm() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
