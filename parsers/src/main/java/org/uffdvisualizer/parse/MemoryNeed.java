package org.uffdvisualizer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much heap loading a capture takes, estimated from the files' sizes before anything is read,
 * from the figures in docs/PERFORMANCE.md: the mapping dump peaks at about 34 bytes of heap per
 * {@code p} line (42 bytes of text each), a fault at about 200 bytes per log line (130 bytes of
 * text), gzip text at 8 times the file (the captures measure 9 to 10: this errs low, so that no
 * load that would fit is refused).
 */
public final class MemoryNeed {
    private static final int GZIP_RATIO = 8;
    private static final int DUMP_TEXT_PER_LINE = 42;
    private static final int DUMP_HEAP_PER_LINE = 34;
    private static final int LOG_TEXT_PER_LINE = 130;
    private static final int LOG_HEAP_PER_LINE = 200;
    /** What every load needs besides the model: buffers, the pipeline, the JVM's own objects. */
    private static final long BASE = 32L << 20;

    private MemoryNeed() {
    }

    /** About how many bytes of heap loading {@code files} needs; missing files count as empty. */
    public static long estimate(CaptureFiles files) {
        long need = BASE + textBytes(files.mappings()) / DUMP_TEXT_PER_LINE * DUMP_HEAP_PER_LINE;
        if (files.uffd() != null) {
            need += textBytes(files.uffd()) / LOG_TEXT_PER_LINE * LOG_HEAP_PER_LINE;
        }
        return need;
    }

    /**
     * Refuses, before reading, a capture that cannot fit in this JVM's heap.
     *
     * @throws NotEnoughMemoryException if the estimate exceeds the maximum heap
     */
    public static void check(CaptureFiles files) throws NotEnoughMemoryException {
        long need = estimate(files);
        if (need > Runtime.getRuntime().maxMemory()) {
            throw new NotEnoughMemoryException("this capture", need);
        }
    }

    /**
     * The exception for an {@link OutOfMemoryError} while loading {@code files}: it needed more than
     * this heap, so at least half as much again, whatever the estimate said.
     */
    public static NotEnoughMemoryException ranOut(CaptureFiles files, OutOfMemoryError e) {
        long max = Runtime.getRuntime().maxMemory();
        return new NotEnoughMemoryException("this capture", Math.max(estimate(files), max + max / 2), e);
    }

    /** Text bytes of a file: its size, times {@value #GZIP_RATIO} if it starts with gzip's magic. */
    private static long textBytes(Path file) {
        if (!Files.isRegularFile(file)) {
            return 0;             // a FIFO would block here; opening it for real refuses it
        }
        try (InputStream in = Files.newInputStream(file)) {
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            return Files.size(file) * (gzip ? GZIP_RATIO : 1);
        } catch (IOException | RuntimeException e) {
            return 0;             // opening it for real will say what is wrong
        }
    }
}
