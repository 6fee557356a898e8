package org.uffdvisualizer.parse;

/** Timestamps of trace lines: {@code SECONDS.FRACTION} (ftrace's clock, QEMU's epoch time). */
final class TraceTime {
    private TraceTime() {
    }

    /** Reads SECONDS[.FRACTION] at the cursor, in nanoseconds; the cursor fails if there is no number. */
    static long nanos(ByteCursor c) {
        long whole = c.decimal();
        long nanos = 0;
        if (c.accept('.')) {
            int from = c.position();
            long fraction = c.decimal();
            int digits = c.position() - from;
            nanos = fraction;
            for (int d = digits; d < 9; d++) {
                nanos *= 10;
            }
            for (int d = digits; d > 9; d--) {
                nanos /= 10;
            }
        }
        return whole * 1_000_000_000L + nanos;
    }
}
