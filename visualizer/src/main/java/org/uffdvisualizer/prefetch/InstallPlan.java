package org.uffdvisualizer.prefetch;

import java.util.Arrays;

/**
 * A working set cut into I/O extents in the order they are installed: what the handler copies
 * with one {@code UFFDIO_COPY} (or zeroes with one {@code UFFDIO_ZEROPAGE}) each, and what a
 * working-set file lists one per line. Extents never overlap. Immutable.
 */
public final class InstallPlan {
    private final int[] start;
    private final int[] length;
    private final byte[] zero;
    private final long pages;

    private InstallPlan(int[] start, int[] length, byte[] zero, int count) {
        this.start = Arrays.copyOf(start, count);
        this.length = Arrays.copyOf(length, count);
        this.zero = Arrays.copyOf(zero, count);
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += this.length[i];
        }
        this.pages = sum;
    }

    /**
     * The set in its own (first-touch) order; a page joins the extent before it only when it is
     * the next page of the file and of the same kind, so the order is kept exactly.
     */
    public static InstallPlan inOrder(WorkingSet set) {
        int[] start = new int[set.size()];
        int[] length = new int[set.size()];
        byte[] zero = new byte[set.size()];
        int n = 0;
        for (int k = 0; k < set.size(); k++) {
            int p = set.page(k);
            byte z = (byte) (set.isZero(k) ? 1 : 0);
            if (n > 0 && start[n - 1] + length[n - 1] == p && zero[n - 1] == z) {
                length[n - 1]++;
            } else {
                start[n] = p;
                length[n] = 1;
                zero[n++] = z;
            }
        }
        return new InstallPlan(start, length, zero, n);
    }

    /**
     * FaaSnap-like: the set's pages in file order, grouped where fewer than {@code gap} + 1 pages
     * lie between two of them (the pages between are fetched too, and may be wasted); groups
     * installed in the order of their earliest first touch. A group is split where the kind
     * (zero or data) changes, since one ioctl does one kind; the pages between two set pages are
     * data.
     */
    public static InstallPlan grouped(WorkingSet set, int gap) {
        int n = set.size();
        // (page << 32 | first-touch index), sorted by page
        long[] byPage = new long[n];
        for (int k = 0; k < n; k++) {
            byPage[k] = (long) set.page(k) << 32 | k;
        }
        Arrays.sort(byPage);
        // groups: (earliest index << 32 | position of the group's first page in byPage)
        long[] groups = new long[n];
        int g = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            int earliest = (int) byPage[i];
            while (j + 1 < n && (int) (byPage[j + 1] >>> 32) - (int) (byPage[j] >>> 32) - 1 <= gap) {
                j++;
                earliest = Math.min(earliest, (int) byPage[j]);
            }
            groups[g++] = (long) earliest << 32 | i;
            i = j + 1;
        }
        Arrays.sort(groups, 0, g);
        int[] start = new int[2 * n + 1];
        int[] length = new int[2 * n + 1];
        byte[] zero = new byte[2 * n + 1];
        int e = 0;
        for (int k = 0; k < g; k++) {
            int i = (int) groups[k];
            int j = i;
            while (j + 1 < n && (int) (byPage[j + 1] >>> 32) - (int) (byPage[j] >>> 32) - 1 <= gap) {
                j++;
            }
            // pages i..j of byPage, gaps included, split by kind
            for (int q = i; q <= j; q++) {
                int p = (int) (byPage[q] >>> 32);
                byte z = (byte) (set.isZero((int) byPage[q]) ? 1 : 0);
                int from = q == i ? p : (int) (byPage[q - 1] >>> 32) + 1;
                if (from < p) {
                    e = append(start, length, zero, e, from, p - from, (byte) 0);
                }
                e = append(start, length, zero, e, p, 1, z);
            }
        }
        return new InstallPlan(start, length, zero, e);
    }

    private static int append(int[] start, int[] length, byte[] zero, int e, int from, int pages, byte z) {
        if (e > 0 && start[e - 1] + length[e - 1] == from && zero[e - 1] == z) {
            length[e - 1] += pages;
            return e;
        }
        start[e] = from;
        length[e] = pages;
        zero[e] = z;
        return e + 1;
    }

    public int extents() {
        return start.length;
    }

    /** First memory-file page of extent {@code e}. */
    public int start(int e) {
        return start[e];
    }

    /** 4 KiB pages of extent {@code e}. */
    public int length(int e) {
        return length[e];
    }

    public boolean isZero(int e) {
        return zero[e] != 0;
    }

    /** 4 KiB pages in all extents. */
    public long pages() {
        return pages;
    }
}
