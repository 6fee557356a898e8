package org.uffdvisualizer.parse;

/** Timestamps of trace lines: {@code SECONDS.FRACTION} (ftrace's clock, QEMU's epoch time). */
final class TraceTime {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L, 1_000_000_000L};

    private TraceTime() {
    }

    /** Reads SECONDS[.FRACTION] at the cursor, in nanoseconds; the cursor fails if there is no number. */
    static long nanos(ByteCursor c) {
        long whole = c.decimal();
        long fraction = 0;
        int digits = 0;
        if (c.accept('.')) {
            int from = c.position();
            fraction = c.decimal();
            digits = c.position() - from;
        }
        return nanos(whole, fraction, digits);
    }

    /**
     * SECONDS.FRACTION in nanoseconds, the fraction's value having {@code digits} decimal digits (none if 0 or
     * less; digits past the ninth are cut off). More than {@link ByteCursor#MAX_DIGITS} is no number: 0 for it.
     */
    static long nanos(long seconds, long fraction, int digits) {
        long part = digits <= 0 || digits > ByteCursor.MAX_DIGITS ? 0
                : digits <= 9 ? fraction * POWERS_OF_TEN[9 - digits] : fraction / POWERS_OF_TEN[digits - 9];
        return seconds * NANOS_PER_SECOND + part;
    }
}
