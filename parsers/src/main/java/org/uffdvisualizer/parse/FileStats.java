package org.uffdvisualizer.parse;

import java.nio.file.Path;

/**
 * What reading one file cost.
 *
 * @param textBytes  bytes of text after decompression
 * @param nanos      wall time from open to the end of parsing (for the mapping dump: to its model indexed)
 * @param indexNanos the part of {@code nanos} spent indexing the model after the last line (0 if none)
 */
public record FileStats(Path file, long lines, long textBytes, long nanos, long indexNanos) {

    public FileStats(Path file, long lines, long textBytes, long nanos) {
        this(file, lines, textBytes, nanos, 0);
    }

    public double millis() {
        return nanos / 1e6;
    }

    public double linesPerSecond() {
        return nanos == 0 ? 0 : lines * 1e9 / nanos;
    }

    public double megabytesPerSecond() {
        return nanos == 0 ? 0 : textBytes * 1e3 / nanos;
    }
}
