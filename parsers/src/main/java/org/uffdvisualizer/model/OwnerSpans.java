package org.uffdvisualizer.model;

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
     * From the plain form: owners of page {@code i} are {@code [firstOwner[i], firstOwner[i + 1])},
     * {@code ownerCount[i]} its distinct owning sections (capped at 255).
     */
    OwnerSpans(int[] firstOwner, byte[] ownerCount, int pages) {
        this.pages = pages;
        int words = (pages >>> 6) + 1;
        multi = new long[words];
        multiBefore = new int[words];
        int count = 0;
        for (int i = 0; i < pages; i++) {
            if (firstOwner[i + 1] - firstOwner[i] > 1) {
                multi[i >>> 6] |= 1L << i;
                count++;
            }
        }
        extraBefore = new int[count + 1];
        owners = new byte[count];
        int r = 0;
        int extra = 0;
        for (int w = 0; w < words; w++) {
            multiBefore[w] = r;
            long bits = multi[w];
            while (bits != 0) {
                int i = (w << 6) | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                extraBefore[r] = extra;
                owners[r] = ownerCount[i];
                extra += firstOwner[i + 1] - firstOwner[i] - 1;
                r++;
            }
        }
        extraBefore[count] = extra;
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
