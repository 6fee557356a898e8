package org.uffdvisualizer.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts, per row, the physical extents of its touched pages: the runs of consecutive frames they
 * form. Frames are reported in ascending order, so a row's extent count grows by one whenever its
 * frame is not the one right after its previous frame. One slot per row, two longs each.
 */
final class ExtentCounter {
    private final Map<RowKey, Integer> slots = new HashMap<>();
    private long[] last = new long[64];
    private long[] extents = new long[64];

    /** The slot of {@code key}, made on first use. */
    int slot(RowKey key) {
        return slots.computeIfAbsent(key, k -> {
            int s = slots.size();
            if (s == last.length) {
                last = Arrays.copyOf(last, 2 * s);
                extents = Arrays.copyOf(extents, 2 * s);
            }
            last[s] = -2;
            return s;
        });
    }

    /** Frame {@code pfn} of slot {@code s} was touched; frames come in ascending order, a frame may come twice. */
    void touch(int s, int pfn) {
        if (last[s] == pfn) {
            return;
        }
        if (last[s] != pfn - 1L) {
            extents[s]++;
        }
        last[s] = pfn;
    }

    /** The extents of {@code key}'s touched pages, 0 if it has none. */
    long extents(RowKey key) {
        Integer s = slots.get(key);
        return s == null ? 0 : extents[s];
    }
}
