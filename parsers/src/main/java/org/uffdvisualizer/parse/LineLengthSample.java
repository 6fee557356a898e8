package org.uffdvisualizer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Estimates how many lines a plain text file holds from the average length of the lines in its
 * first {@value #SAMPLE} bytes, so that a parser can size its arrays once: a fixed guess of bytes
 * per line is off by a quarter or more when a format has variants (the uffd handler's extended
 * lines are about 155 bytes, the original ones about 120), and arrays sized too large are
 * either copied to trim them or kept half empty.
 */
final class LineLengthSample {
    static final int SAMPLE = 1 << 16;

    private LineLengthSample() {
    }

    /**
     * Expected lines in {@code file} of {@code size} bytes: its size over the sampled bytes per
     * line, or {@code size / fallbackBytesPerLine} when the sample holds no complete line or the
     * file cannot be read (the parser's own open then says what is wrong).
     */
    static long expectedLines(Path file, long size, int fallbackBytesPerLine) {
        byte[] b = new byte[(int) Math.min(SAMPLE, Math.max(size, 0))];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < b.length) {
                int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return size / fallbackBytesPerLine;
        }
        int lines = 0;
        int lastEnd = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n') {
                lines++;
                lastEnd = i + 1;
            }
        }
        if (n == size && lastEnd < n) {
            lines++;                              // the whole file, its last line without a newline
            lastEnd = n;
        }
        if (lines == 0) {
            return size / fallbackBytesPerLine;
        }
        return (long) Math.ceil((double) size * lines / lastEnd);
    }
}
