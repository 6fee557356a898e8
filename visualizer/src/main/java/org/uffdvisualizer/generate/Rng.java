package org.uffdvisualizer.generate;

/**
 * SplitMix64: a small, fast generator whose sequence is fixed by its seed on every JDK, which is
 * what makes a generated capture the same bytes for the same seed. Not thread-safe.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        state = seed;
    }

    /** A generator for one part of the capture, independent of how much the others draw. */
    static Rng of(long seed, long stream) {
        return new Rng(mix(seed * 0x9E3779B97F4A7C15L + stream));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 33) * bound) >>> 31);
    }

    /** Uniform in [lo, hi]. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** Uniform in [0, bound) for long bounds. */
    long nextLong(long bound) {
        return Math.floorMod(nextLong(), bound);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return nextDouble() < p;
    }
}
