package org.uffdvisualizer.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;

/** The real captures tests draw, loaded once. */
public final class TestCaptures {
    private static Capture qemu;

    private TestCaptures() {
    }

    /** ../shared/captures/qemu-jvm17-restore: 1 GiB guest, 1,339 faults, NMT of pid 114. */
    public static synchronized Capture qemu() throws Exception {
        if (qemu == null) {
            qemu = CaptureLoader.load(CaptureFiles.inDirectory(qemuDir()), CaptureLoader.Options.defaults(),
                    ProgressListener.NONE).capture();
        }
        return qemu;
    }

    public static Path qemuDir() {
        return Path.of(System.getProperty("sharedCaptures", "../../shared/captures"), "qemu-jvm17-restore");
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
