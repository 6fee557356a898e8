package org.uffdvisualizer.prefetch;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The pages a strategy brings in ahead of demand, in the order it would install them (first
 * touch), each marked zero when the recorded restore zero-filled it. Pages a REMOVE of the
 * recording gave back are never in it. Immutable.
 */
public final class WorkingSet {
    private final int[] pages;
    private final byte[] zero;

    private WorkingSet(int[] pages, byte[] zero) {
        this.pages = pages;
        this.zero = zero;
    }

    /**
     * The pages {@code run} touched, in first-touch order, those {@code selected} holds (a
     * memory-file page number; null for all), without the pages its REMOVEs gave back.
     */
    public static WorkingSet recorded(RestoreRun run, IntPredicate selected) {
        int total = 0;
        for (int i = 0; i < run.faults(); i++) {
            total += run.span(i);
        }
        int[] pages = new int[total];
        byte[] zero = new byte[total];
        int n = 0;
        for (int i = 0; i < run.faults(); i++) {
            for (int p = run.page(i); p < run.page(i) + run.span(i); p++) {
                if (!run.removed(p) && (selected == null || selected.test(p))) {
                    pages[n] = p;
                    zero[n++] = (byte) (run.isZero(i) ? 1 : 0);
                }
            }
        }
        return new WorkingSet(Arrays.copyOf(pages, n), Arrays.copyOf(zero, n));
    }

    /**
     * The pages of any of {@code runs} ({@code all} false) or of every one ({@code all} true),
     * ordered by the earliest relative position (first-touch rank over the run's size) any run
     * touched them at, so that a page early in one restore is early in the set; marked zero as
     * the run that touched it earliest served it.
     */
    public static WorkingSet combined(List<RestoreRun> runs, IntPredicate selected, boolean all) {
        WorkingSet[] sets = new WorkingSet[runs.size()];
        int limit = 0;
        int total = 0;
        for (int r = 0; r < sets.length; r++) {
            sets[r] = recorded(runs.get(r), selected);
            limit = Math.max(limit, runs.get(r).pageLimit());
            total += sets[r].size();
        }
        // key: rank (30 bits: first-touch position over the set's size), the zero mark, the page
        long[] keys = new long[total];
        int[] everyPage = new int[total];
        int n = 0;
        for (WorkingSet s : sets) {
            for (int k = 0; k < s.size(); k++) {
                long rank = (long) ((double) k / s.size() * (1L << 30));
                everyPage[n] = s.pages[k];
                keys[n++] = rank << 33 | (long) s.zero[k] << 32 | s.pages[k];
            }
        }
        Arrays.sort(keys);
        long[] inAll = all ? pagesInEvery(everyPage, sets.length, limit) : null;
        long[] taken = PageBits.create(limit);
        int[] pages = new int[total];
        byte[] zero = new byte[total];
        int kept = 0;
        for (long key : keys) {
            int p = (int) key;
            if ((inAll != null && !PageBits.get(inAll, p)) || !PageBits.set(taken, p)) {
                continue;
            }
            pages[kept] = p;
            zero[kept++] = (byte) ((key >>> 32) & 1);
        }
        return new WorkingSet(Arrays.copyOf(pages, kept), Arrays.copyOf(zero, kept));
    }

    /** Pages listed {@code runs} times in {@code pages} (each set lists a page once). */
    private static long[] pagesInEvery(int[] pages, int runs, int limit) {
        Arrays.sort(pages);
        long[] bits = PageBits.create(limit);
        for (int k = 0; k < pages.length; ) {
            int end = k;
            while (end < pages.length && pages[end] == pages[k]) {
                end++;
            }
            if (end - k == runs) {
                PageBits.set(bits, pages[k]);
            }
            k = end;
        }
        return bits;
    }

    public int size() {
        return pages.length;
    }

    /** The {@code k}-th page to install. */
    public int page(int k) {
        return pages[k];
    }

    public boolean isZero(int k) {
        return zero[k] != 0;
    }
}
