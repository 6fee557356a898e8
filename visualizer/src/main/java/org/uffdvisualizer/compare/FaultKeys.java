package org.uffdvisualizer.compare;

import java.util.Arrays;

/**
 * The pages one run faulted before its cursor as sorted, distinct longs (no object per page):
 * by owner ({@code owner << 44 | page key}, pages without a named or NMT owner only counted) and
 * by guest-physical frame ({@code owner << 44 | pfn}, every page, the owner only grouping them).
 */
final class FaultKeys {
    private long[] byOwner;
    private int owners;
    private long[] byFrame;
    private int frames;
    private int unmatched;

    FaultKeys(int capacity) {
        byOwner = new long[capacity];
        byFrame = new long[capacity];
    }

    /** Adds a page: {@code ownerKey} -1 if it has no owner key; {@code group} its owner for grouping. */
    void add(long ownerKey, int group, int pfn) {
        if (ownerKey >= 0) {
            byOwner[owners++] = ownerKey;
        } else {
            unmatched++;
        }
        byFrame[frames++] = (long) group << RunIndex.OWNER_SHIFT | pfn;
    }

    /** Sorts and drops duplicates (two frames of one run can share an owner key); call once, after the last add. */
    FaultKeys finish() {
        byOwner = sortedDistinct(byOwner, owners);
        owners = byOwner.length;
        byFrame = sortedDistinct(byFrame, frames);
        frames = byFrame.length;
        return this;
    }

    private static long[] sortedDistinct(long[] keys, int n) {
        long[] k = Arrays.copyOf(keys, n);
        Arrays.parallelSort(k);
        int d = 0;
        for (int i = 0; i < n; i++) {
            if (d == 0 || k[i] != k[d - 1]) {
                k[d++] = k[i];
            }
        }
        return d == n ? k : Arrays.copyOf(k, d);
    }

    long[] keys(MatchBasis basis) {
        return basis == MatchBasis.OWNER ? byOwner : byFrame;
    }

    /** Pages left out of owner matching: no named mapping and no NMT region owns them. */
    int unmatched() {
        return unmatched;
    }

    /** Pages faulted before the cursor (distinct frames). */
    int pages() {
        return frames;
    }

    long heapBytes() {
        return 8L * (byOwner.length + byFrame.length);
    }
}
