package org.uffdvisualizer.render;

import java.nio.file.Path;
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
}
