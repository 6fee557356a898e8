package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * Where each owned page's owners lie in {@code ownerEntry}, and how many distinct sections own
 * it, for pages numbered in frame order. Most pages have exactly one owning entry, so instead of
 * an int of the first owner and a byte of the owner count per page (5 bytes, 250 MB at 50 M
 * pages) this keeps a bit per page for "more than one owning entry" (a multi page), the number
 * of multi pages before every 64 pages, and per multi page the owning entries beyond the first
 * that come before it and its owner count: about 0.2 bytes per page plus 5 per multi page.
 *
 * <p>Page {@code i}'s owners start at {@code i} plus the extra entries of the multi pages before
 * it, so both ends are a rank (a popcount within one word) and an array read, in constant time.
 * Immutable.
 */
final class OwnerSpans {
    private final int pages;
    private final long[] multi;
    private final int[] multiBefore;
    /** Per multi page in order, and one more: the extra owning entries of the multi pages before it. */
    private final int[] extraBefore;
    private final byte[] owners;

    /**
     * Joins the parts two threads found, {@code first} for the pages before {@code second}'s;
     * {@code multi} has the bits of both but the one word {@code second} kept apart.
     */
    OwnerSpans(int pages, long[] multi, Part first, Part second) {
        this.pages = pages;
        this.multi = multi;
        if (second.headWord >= 0) {
            multi[second.headWord] |= second.head;
        }
        int count = first.count + second.count;
        extraBefore = new int[count + 1];
        owners = new byte[count];
        System.arraycopy(first.extraBefore, 0, extraBefore, 0, first.count);
        System.arraycopy(first.owners, 0, owners, 0, first.count);
        for (int r = 0; r < second.count; r++) {
            extraBefore[first.count + r] = first.extra + second.extraBefore[r];
        }
        System.arraycopy(second.owners, 0, owners, first.count, second.count);
        extraBefore[count] = first.extra + second.extra;
        multiBefore = new int[multi.length];
        int r = 0;
        for (int w = 0; w < multi.length; w++) {
            multiBefore[w] = r;
            r += Long.bitCount(multi[w]);
        }
    }

    /** The bits of "more than one owning entry" for {@code pages} pages. */
    static long[] multiBits(int pages) {
        return new long[(pages >>> 6) + 1];
    }

    /**
     * The multi pages of a run of pages that one thread indexes, in page order: their bits go to
     * the shared {@code multi}, except those of the word the run shares with the run before it
     * (kept in {@code head} until the two are joined); their extra entries and owner counts to
     * arrays of their own.
     */
    static final class Part {
        private final long[] multi;
        private final int headWord;
        private long head;
        private int count;
        /** Extra owning entries of this part's multi pages so far. */
        private int extra;
        private int[] extraBefore;
        private byte[] owners;

        /** For pages from {@code firstPage} on, about {@code expected} of them multi pages. */
        Part(long[] multi, int firstPage, int expected) {
            this.multi = multi;
            headWord = (firstPage & 63) != 0 ? firstPage >>> 6 : -1;
            extraBefore = new int[Math.max(16, expected)];
            owners = new byte[extraBefore.length];
        }

        /** Page {@code i} (after the last one added) has {@code entries > 1} owning entries of {@code ownerCount} sections. */
        void add(int i, int entries, int ownerCount) {
            if (i >>> 6 == headWord) {
                head |= 1L << i;
            } else {
                multi[i >>> 6] |= 1L << i;
            }
            if (count == extraBefore.length) {
                int n = count + (count >> 1);
                extraBefore = Arrays.copyOf(extraBefore, n);
                owners = Arrays.copyOf(owners, n);
            }
            extraBefore[count] = extra;
            owners[count] = (byte) Math.min(ownerCount, 255);
            extra += entries - 1;
            count++;
        }
    }

    /** Multi pages before page {@code i} ({@code 0 <= i <= pages}). */
    private int rank(int i) {
        return multiBefore[i >>> 6] + Long.bitCount(multi[i >>> 6] & ((1L << i) - 1));
    }

    private boolean isMulti(int i) {
        return (multi[i >>> 6] & (1L << i)) != 0;
    }

    int first(int i) {
        return i + extraBefore[rank(i)];
    }

    int end(int i) {
        return i + 1 + extraBefore[rank(i + 1)];
    }

    int ownerCount(int i) {
        return isMulti(i) ? owners[rank(i)] & 0xff : 1;
    }

    int pages() {
        return pages;
    }

    long heapBytes() {
        return 8L * multi.length + 4L * (multiBefore.length + extraBefore.length) + owners.length;
    }
}
