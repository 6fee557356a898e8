package org.uffdvisualizer.generate;

/**
 * A bijection of {@code [0, n)} (a four-round Feistel network on the next even power of two,
 * walking cycles until the value falls inside), so frames can be handed out in a scattered but
 * repeatable order without a table of {@code n} entries.
 */
final class FramePermutation {
    private final long n;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[4];

    FramePermutation(long n, long seed) {
        if (n <= 0) {
            throw new IllegalArgumentException("empty domain");
        }
        this.n = n;
        int bits = 64 - Long.numberOfLeadingZeros(Math.max(n - 1, 1));
        halfBits = (bits + 1) / 2;
        halfMask = (1L << halfBits) - 1;
        Rng r = new Rng(seed);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = r.nextLong();
        }
    }

    long apply(long x) {
        long v = x;
        do {
            v = round(v);
        } while (v >= n);
        return v;
    }

    private long round(long v) {
        long left = v >>> halfBits;
        long right = v & halfMask;
        for (long key : keys) {
            long next = left ^ (Rng.mix(right ^ key) & halfMask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
