package org.uffdvisualizer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The speed limit for a file: a plain loop that reads it (decompressing gzip, like the parsers)
 * into a 1 MiB buffer and counts newlines, doing nothing else, on one thread.
 */
public final class LineCounter {
    private LineCounter() {
    }

    /** {lines, text bytes}. */
    public static long[] count(Path file) throws IOException {
        byte[] buf = new byte[1 << 20];
        long lines = 0;
        long bytes = 0;
        try (InputStream in = open(file)) {
            int n;
            while ((n = in.read(buf, 0, buf.length)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        return new long[] {lines, bytes};
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try (InputStream probe = Files.newInputStream(file)) {
            if (probe.read() == 0x1f && probe.read() == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
        }
        return in;
    }
}
