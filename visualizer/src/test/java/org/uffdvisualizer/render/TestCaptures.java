package org.uffdvisualizer.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;

/** The real captures tests draw, loaded once. */
public final class TestCaptures {
    /** The workload JVM of sample-data/jvm17-default (its README), the process its NMT report is of. */
    public static final int JVM17_PID = 20296;

    /** The first fault of the refault capture on a page faulted before (its README). */
    public static final int REFAULT_FIRST_REPEAT = 3653;

    /**
     * Demand faults (distinct guest pages, first touch) of sample-data/lab-jvm17-default's first
     * restore, the bundled capture: counted by lab/trace-stats.py, written independently of the
     * Java parser, and given in the capture's README.
     */
    public static final int LAB_DEMAND_FAULTS = 10_699;

    private static Capture jvm17;
    private static Capture refault;

    private TestCaptures() {
    }

    /**
     * sample-data/jvm17-default: a 24 GiB Firecracker guest, the workload JVM {@link #JVM17_PID}
     * with its NMT detail, a companion JVM, a sleep, kernel and page cache, and uffd.log.gz (each
     * page faulted once, loaded or zero-filled).
     */
    public static synchronized Capture jvm17() throws Exception {
        if (jvm17 == null) {
            jvm17 = CaptureLoader.load(jvm17Files(), CaptureLoader.Options.defaults(),
                    ProgressListener.NONE).capture();
        }
        return jvm17;
    }

    /**
     * The files of {@link #jvm17()}: the directory's mapping dump and NMT with uffd.log.gz, all
     * 60,380 faults (opening the directory chooses uffd-extended.log.gz, which has timestamps
     * but only the first 47,242 faults).
     */
    public static CaptureFiles jvm17Files() {
        Path dir = jvm17Dir();
        return new CaptureFiles(dir.resolve("mem_mapping.txt.gz"), dir.resolve("uffd.log.gz"),
                java.util.List.of(dir.resolve("nmt.txt.gz")));
    }

    /**
     * The files of sample-data/jvm17-thp-appcds (the same workload with Transparent Huge Pages and
     * AppCDS): its mapping dump and NMT with uffd.log.gz, every fault, as {@link #jvm17Files()}.
     */
    public static CaptureFiles thpFiles() {
        Path dir = sampleDir("jvm17-thp-appcds");
        return new CaptureFiles(dir.resolve("mem_mapping.txt.gz"), dir.resolve("uffd.log.gz"),
                java.util.List.of(dir.resolve("nmt.txt.gz")));
    }

    public static Path jvm17Dir() {
        return sampleDir("jvm17-default");
    }

    /**
     * jvm17-default with sample-data/jvm17-remove-refault/uffd.log.gz: 3,653 pages faulted (64
     * loaded ones and 94 zero-filled ones owned by nobody), then a REMOVE of 256 of them, which
     * fault a second time (faults {@link #REFAULT_FIRST_REPEAT} to 3,908, zero-filled).
     */
    public static synchronized Capture refault() throws Exception {
        if (refault == null) {
            refault = CaptureLoader.load(refaultFiles(), CaptureLoader.Options.defaults(), ProgressListener.NONE)
                    .capture();
        }
        return refault;
    }

    public static CaptureFiles refaultFiles() {
        return new CaptureFiles(jvm17Dir().resolve("mem_mapping.txt.gz"),
                sampleDir("jvm17-remove-refault").resolve("uffd.log.gz"), List.of(jvm17Dir().resolve("nmt.txt.gz")));
    }

    /**
     * Where a compact view draws row {@code row} of the kept {@code rows}: its rank among them plus
     * one separator row before each jump (before the first kept row too unless it is row 0).
     */
    public static int packedRow(java.util.NavigableSet<Integer> rows, int row) {
        int separators = 0;
        int previous = -1;
        for (int r : rows.headSet(row, true)) {
            separators += r != previous + 1 ? 1 : 0;
            previous = r;
        }
        return rows.headSet(row, false).size() + separators;
    }

    public static Path sampleDir(String name) {
        return Path.of(System.getProperty("sampleData", "../sample-data"), name);
    }

    /**
     * Page-fault lines of a gzipped sample log, counted as plain text (independently of the
     * parser), so tests follow the sample when make-restore-log regenerates it.
     */
    public static long pagefaultLines(Path gzLog) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzLog)), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> l.startsWith("UFFD_EVENT_PAGEFAULT")).count();
        }
    }
}
