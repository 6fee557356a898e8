package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * Entries per bucket of 2^16 frames and, for each bucket that has any, a bit per frame in use
 * (8 KiB), kept up by {@link PageMappingsBuilder} as pages come in so that indexing needs no pass
 * of its own for them; grown as higher frames come. Per bucket, so that a few frames high up in a
 * sparse address space cost a few buckets, not a bitmap over all of it. For large dumps the
 * bitmaps outgrow the cache and marking them one page at a time slowed the merge, so only the
 * counts are kept and {@link PageOwnerIndex} marks the frames itself, on two threads.
 */
final class FrameBuckets {
    /** Sorting by PFN goes through buckets of 2^16 PFNs (a 256 KiB count array). */
    static final int BUCKET_BITS = 16;
    static final int BUCKET_MASK = (1 << BUCKET_BITS) - 1;
    /** Longs in a bucket's bitmap of frames in use. */
    static final int BITMAP_WORDS = 1 << (BUCKET_BITS - 6);

    private int[] entries = new int[1];
    private long[][] framesInUse = new long[1][];
    /** The counts per bucket of the first {@link #split} entries, so two threads can distribute the entries. */
    private int[] entriesBeforeSplit;
    private int split;
    /** Whether pages are marked in {@link #framesInUse} as they come (small dumps). */
    private final boolean marksFrames;

    FrameBuckets(boolean marksFrames) {
        this.marksFrames = marksFrames;
    }

    boolean marksFrames() {
        return marksFrames;
    }

    /** Entries counted in bucket {@code k}. */
    int entries(int k) {
        return entries[k];
    }

    /** The bitmaps of frames in use per bucket ({@code null} for a bucket without entries); only if {@link #marksFrames()}. */
    long[][] framesInUse() {
        return framesInUse;
    }

    /** Remembers the counts so far: the first {@code entryCount} entries can then be distributed apart from the rest. */
    void split(int entryCount) {
        entriesBeforeSplit = entries.clone();
        split = entryCount;
    }

    /** The entry count at {@link #split(int)}, 0 if it was not called. */
    int split() {
        return split;
    }

    /** Entries of bucket {@code k} among the first {@link #split()}. */
    int entriesBeforeSplit(int k) {
        return k < entriesBeforeSplit.length ? entriesBeforeSplit[k] : 0;
    }

    void count(int pfn) {
        int k = pfn >>> BUCKET_BITS;
        if (k >= entries.length) {
            grow(k);
        }
        entries[k]++;
        if (!marksFrames) {
            return;
        }
        if (framesInUse[k] == null) {
            framesInUse[k] = new long[BITMAP_WORDS];
        }
        framesInUse[k][(pfn >>> 6) & (BUCKET_MASK >>> 6)] |= 1L << pfn;
    }

    void countAll(int[] pfns, int from, int to) {
        if (!marksFrames) {
            countOnly(pfns, from, to);
            return;
        }
        int[] perBucket = entries;
        long[][] inUse = framesInUse;
        for (int i = from; i < to; i++) {
            int pfn = pfns[i];
            int k = pfn >>> BUCKET_BITS;
            if (k >= perBucket.length) {
                grow(k);
                perBucket = entries;
                inUse = framesInUse;
            }
            perBucket[k]++;
            long[] bits = inUse[k];
            if (bits == null) {
                bits = new long[BITMAP_WORDS];
                inUse[k] = bits;
            }
            bits[(pfn >>> 6) & (BUCKET_MASK >>> 6)] |= 1L << pfn;
        }
    }

    private void countOnly(int[] pfns, int from, int to) {
        int[] perBucket = entries;
        for (int i = from; i < to; i++) {
            int k = pfns[i] >>> BUCKET_BITS;
            if (k >= perBucket.length) {
                grow(k);
                perBucket = entries;
            }
            perBucket[k]++;
        }
    }

    /** Room for bucket {@code k}, and an eighth more: frames mostly arrive scattered over all of RAM. */
    private void grow(int k) {
        int n = (int) Math.min((long) k + 1 + (k >> 3), 1 << (31 - BUCKET_BITS));
        entries = Arrays.copyOf(entries, n);
        framesInUse = Arrays.copyOf(framesInUse, n);
    }

    /** Buckets up to the last that has entries (at least one). */
    int count() {
        int n = entries.length;
        while (n > 1 && entries[n - 1] == 0) {
            n--;
        }
        return n;
    }
}
