package org.uffdvisualizer.prefetch;

/** One bit per 4 KiB page in a {@code long[]}: the simulator's sets, with no object per page. */
final class PageBits {

    private PageBits() {
    }

    static long[] create(int pages) {
        return new long[(pages >>> 6) + 1];
    }

    static boolean get(long[] bits, int p) {
        int w = p >>> 6;
        return p >= 0 && w < bits.length && (bits[w] & (1L << p)) != 0;
    }

    /** Sets {@code p}; returns whether it was clear. */
    static boolean set(long[] bits, int p) {
        long mask = 1L << p;
        int w = p >>> 6;
        if ((bits[w] & mask) != 0) {
            return false;
        }
        bits[w] |= mask;
        return true;
    }

    /** Sets {@code [from, to)}; returns how many were clear. */
    static int setRange(long[] bits, int from, int to) {
        int n = 0;
        int end = Math.min(to, bits.length << 6);
        for (int p = Math.max(0, from); p < end; p++) {
            n += set(bits, p) ? 1 : 0;
        }
        return n;
    }

    static boolean allSet(long[] bits, int from, int to) {
        for (int p = from; p < to; p++) {
            if (!get(bits, p)) {
                return false;
            }
        }
        return true;
    }
}
