package org.uffdvisualizer.prefetch;

/**
 * What a strategy does with each memory-file page of a restore: fetched ahead and then touched
 * (prefetched), still demand-faulted, or fetched and never touched (wasted). Bit sets; read-only.
 */
public final class PageFates {
    /** A page the strategy leaves alone and the restore does not touch. */
    public static final byte UNTOUCHED = 0;
    /** Fetched ahead of the touch that needed it. */
    public static final byte PREFETCHED = 1;
    /** Touched before it was present: a demand fault. */
    public static final byte STILL_FAULTS = 2;
    /** Fetched, never touched. */
    public static final byte WASTED = 3;

    private final RestoreRun test;
    private final long[] fetched;
    private final long[] faulted;

    PageFates(RestoreRun test, long[] fetched, long[] faulted) {
        this.test = test;
        this.fetched = fetched;
        this.faulted = faulted;
    }

    /** The run scored: its {@link RestoreRun#frameOf} places a page on the grid. */
    public RestoreRun test() {
        return test;
    }

    /** One past the highest page that can have a fate. */
    public int pageLimit() {
        return fetched.length << 6;
    }

    public byte of(int p) {
        if (PageBits.get(faulted, p)) {
            return STILL_FAULTS;
        }
        if (PageBits.get(fetched, p)) {
            return test.touched(p) ? PREFETCHED : WASTED;
        }
        return UNTOUCHED;
    }

    /** The next page at or after {@code p} with a fate other than untouched, or -1. */
    public int next(int p) {
        int w = Math.max(0, p) >>> 6;
        if (w >= fetched.length) {
            return -1;
        }
        long bits = (fetched[w] | faulted[w]) & (-1L << (p & 63));
        while (bits == 0) {
            if (++w == fetched.length) {
                return -1;
            }
            bits = fetched[w] | faulted[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }
}
