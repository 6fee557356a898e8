package org.uffdvisualizer.parse;

import java.nio.file.Path;

/**
 * What reading one file cost.
 *
 * @param textBytes bytes of text after decompression
 * @param nanos     wall time from open to the end of parsing
 */
public record FileStats(Path file, long lines, long textBytes, long nanos) {

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
