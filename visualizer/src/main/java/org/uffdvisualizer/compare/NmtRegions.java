package org.uffdvisualizer.compare;

import java.util.Arrays;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;

/**
 * One JVM's NMT reserved regions sorted by address, for finding the region of a virtual page:
 * each with its category's owner number and its rank among its category's regions in address
 * order (the only thing that tells two runs' thread stacks or code heaps apart, as NMT gives
 * regions no other name). Counts, per category, the pages the trace loaded, zero-filled and
 * touched before the cursor.
 */
final class NmtRegions {
    /** Regions of one category beyond this rank share the last rank (keys have 12 bits for it). */
    static final int MAX_RANK = (1 << 12) - 1;

    final NmtUsage usage;
    private final long[] start;
    private final long[] end;
    private final int[] category;
    private final int[] rank;
    private final int[] owner;
    final long[] loaded;
    final long[] zeroed;
    final long[] touched;

    NmtRegions(NmtUsage usage, OwnerCatalog catalog, String process) {
        this.usage = usage;
        NmtMap map = usage.map();
        int n = map.reservedCount();
        // Sorted by start: NMT lists JDK 17's regions ascending, JDK 25's descending.
        Integer[] boxed = new Integer[n];
        for (int r = 0; r < n; r++) {
            boxed[r] = r;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(map.reservedStart(a), map.reservedStart(b)));
        start = new long[n];
        end = new long[n];
        category = new int[n];
        rank = new int[n];
        int[] seen = new int[map.categoryCount()];
        int[] categoryOwner = new int[map.categoryCount()];
        for (int c = 0; c < categoryOwner.length; c++) {
            categoryOwner[c] = catalog.id(OwnerCatalog.NMT, process, map.category(c));
        }
        owner = new int[n];
        for (int i = 0; i < n; i++) {
            int r = boxed[i];
            start[i] = map.reservedStart(r);
            end[i] = map.reservedEnd(r);
            category[i] = map.reservedCategory(r);
            rank[i] = Math.min(seen[category[i]]++, MAX_RANK);
            owner[i] = categoryOwner[category[i]];
        }
        loaded = new long[map.categoryCount()];
        zeroed = new long[map.categoryCount()];
        touched = new long[map.categoryCount()];
    }

    /** The sorted index of the region holding {@code virtual}, or -1. */
    int regionOf(long virtual) {
        int k = Arrays.binarySearch(start, virtual);
        k = k >= 0 ? k : -k - 2;
        return k >= 0 && virtual < end[k] ? k : -1;
    }

    /** The key of {@code virtual} in region {@code k} below the owner bits: rank, then page offset. */
    long pageKey(int k, long virtual) {
        return (long) rank[k] << 32 | ((virtual - start[k]) >>> 12 & 0xffff_ffffL);
    }

    /** The category of sorted region {@code k}. */
    int category(int k) {
        return category[k];
    }

    int owner(int k) {
        return owner[k];
    }

    /** Counts a served page of region {@code k}. */
    void count(int k, boolean zeroFilled, boolean beforeCursor) {
        int c = category[k];
        if (zeroFilled) {
            zeroed[c]++;
        } else {
            loaded[c]++;
        }
        if (beforeCursor) {
            touched[c]++;
        }
    }
}
