package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * The position of a physical frame among a sorted set of distinct frames (the owned pages of a
 * {@link PageMappings}), in constant time: {@code indexOf(pfn)} answers what
 * {@code Arrays.binarySearch(frames, pfn)} would, without searching. Immutable.
 *
 * <p>Layout: {@code used} has one bit per frame from 0 to the highest frame of the set (bit
 * {@code pfn & 63} of word {@code pfn >>> 6}); {@code before[w]} is the number of set bits in
 * words {@code 0 .. w - 1}. The index of a frame in the set is then {@code before[w]} plus the set
 * bits below it in its own word: one array read each and a popcount. That is 12 bytes per 64
 * frames (12 MiB for the 64 M frames of a 256 GiB guest), a fifth of a byte per owned page when
 * three quarters of the frames are owned.
 *
 * <p>A set much sparser than its highest frame (a few pages high up in the address space) would
 * make the bitmap cost more than the pages themselves; then {@link #of} keeps the sorted frames
 * and searches them, as before.
 */
final class FrameRank {
    /**
     * Beyond this many bytes of bitmap and counts per frame in the set, a binary search is the
     * better trade (dense guests need about 0.2 bytes; 16 allows sets down to about 1.2% density).
     */
    private static final int MAX_BYTES_PER_FRAME = 16;
    /** Small sets may always have a bitmap: up to 1 MiB, whatever their density. */
    private static final long ALWAYS_BYTES = 1 << 20;

    private final long[] used;
    private final int[] before;
    private final int count;
    /** The sorted frames, kept only when they are too sparse for a bitmap; otherwise null. */
    private final int[] sparse;

    private FrameRank(long[] used, int[] before, int count, int[] sparse) {
        this.used = used;
        this.before = before;
        this.count = count;
        this.sparse = sparse;
    }

    /**
     * The rank structure of {@code frames}, which must be ascending, distinct and not negative
     * (as {@code PageMappings} numbers its pages). {@code frames} is not copied: it is kept (and
     * must not change) only when the set is too sparse for a bitmap.
     */
    static FrameRank of(int[] frames) {
        int n = frames.length;
        if (n == 0) {
            return new FrameRank(new long[0], new int[0], 0, null);
        }
        long words = ((long) frames[n - 1] >>> 6) + 1;
        if (!fitsBitmap(frames[n - 1], n)) {
            return new FrameRank(null, null, n, frames);
        }
        // One pass in frame order: a word is assembled in a register and stored once (not read
        // and written back per frame), and the frames before a word are the index of its first
        // frame, so no second pass counts bits.
        long[] used = new long[(int) words];
        int[] before = new int[(int) words];
        int w = 0;
        long word = 0;
        for (int i = 0; i < n; i++) {
            int pfn = frames[i];
            int pw = pfn >>> 6;
            if (pw != w) {
                used[w] = word;
                word = 0;
                while (w < pw) {
                    before[++w] = i;
                }
            }
            word |= 1L << pfn;
        }
        used[w] = word;
        return new FrameRank(used, before, n, null);
    }

    /**
     * The index of {@code pfn} in the set if it is in it; otherwise {@code -(insertion point) - 1},
     * where the insertion point is the number of frames in the set below {@code pfn}: exactly
     * {@link Arrays#binarySearch(int[], int)} on the sorted frames.
     */
    int indexOf(int pfn) {
        if (sparse != null) {
            return Arrays.binarySearch(sparse, pfn);
        }
        if (pfn < 0) {
            return -1;
        }
        int w = pfn >>> 6;
        if (w >= used.length) {
            return -count - 1;
        }
        long word = used[w];
        long bit = 1L << pfn;                  // shifts use the low 6 bits: pfn & 63
        int rank = before[w] + Long.bitCount(word & (bit - 1));
        return (word & bit) != 0 ? rank : -rank - 1;
    }

    /** Bytes of heap held by the bitmap and counts (0 when the sorted frames are searched instead). */
    long heapBytes() {
        return sparse != null ? 0 : (long) Long.BYTES * used.length + (long) Integer.BYTES * before.length;
    }

    /**
     * What {@link #heapBytes()} of {@code of(frames)} is, without building it: 12 bytes per 64
     * frames up to the highest, or 0 for an empty or too sparse set.
     */
    static long heapBytes(int[] frames) {
        int n = frames.length;
        return n == 0 || !fitsBitmap(frames[n - 1], n) ? 0 : bitmapBytes(frames[n - 1]);
    }

    /** Whether {@code count} distinct frames, the highest {@code highest}, are kept as a bitmap (see {@link #of}). */
    static boolean fitsBitmap(int highest, int count) {
        long bytes = bitmapBytes(highest);
        return bytes <= ALWAYS_BYTES || bytes <= (long) MAX_BYTES_PER_FRAME * count;
    }

    private static long bitmapBytes(int highest) {
        return (((long) highest >>> 6) + 1) * (Long.BYTES + Integer.BYTES);
    }

    /**
     * The rank structure of the frames marked in {@code bits}: per bucket of {@code 64 * wordsPerBucket}
     * frames a bitmap as in {@link #used} ({@code null} for a bucket without frames), {@code count}
     * frames in all, the highest {@code highest}, for which {@link #fitsBitmap} holds. The bitmaps are
     * copied, not kept.
     */
    static FrameRank ofBuckets(long[][] bits, int wordsPerBucket, int count, int highest) {
        int words = (highest >>> 6) + 1;
        long[] used = new long[words];
        int[] before = new int[words];
        for (int k = 0; k * wordsPerBucket < words; k++) {
            if (bits[k] != null) {
                System.arraycopy(bits[k], 0, used, k * wordsPerBucket, Math.min(wordsPerBucket, words - k * wordsPerBucket));
            }
        }
        int n = 0;
        for (int w = 0; w < words; w++) {
            before[w] = n;
            n += Long.bitCount(used[w]);
        }
        if (n != count) {
            throw new IllegalArgumentException(count + " frames expected, " + n + " marked");
        }
        return new FrameRank(used, before, count, null);
    }

    /** Frames in the set. */
    int count() {
        return count;
    }

    /**
     * The frame at {@code index} in ascending order ({@code 0 <= index < count()}): what
     * {@code frames[index]} was. A search over the words (logarithmic); to visit every frame in
     * order, {@link #nextFrame} is constant time per frame.
     */
    int frameAt(int index) {
        if (sparse != null) {
            return sparse[index];
        }
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + count);
        }
        // The last word with at most index frames before it: empty words before a word have its
        // count too, so the last of equal counts is the one that holds frames.
        int lo = 0;
        int hi = before.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long word = used[lo];
        for (int k = index - before[lo]; k > 0; k--) {
            word &= word - 1;                  // drop the lowest set bit, k times
        }
        return (lo << 6) | Long.numberOfTrailingZeros(word);
    }

    /**
     * The lowest frame of the set that is at least {@code pfn}, or -1 if there is none or
     * {@code pfn} is negative (as {@code f + 1} is after the largest frame, {@link Integer#MAX_VALUE}).
     */
    int nextFrame(int pfn) {
        if (pfn < 0) {
            return -1;
        }
        int from = pfn;
        if (sparse != null) {
            int i = Arrays.binarySearch(sparse, from);
            i = i >= 0 ? i : -i - 1;
            return i < sparse.length ? sparse[i] : -1;
        }
        int w = from >>> 6;
        if (w >= used.length) {
            return -1;
        }
        long word = used[w] & (-1L << from);   // shifts use the low 6 bits: from & 63
        while (word == 0) {
            if (++w == used.length) {
                return -1;
            }
            word = used[w];
        }
        return (w << 6) | Long.numberOfTrailingZeros(word);
    }

    /**
     * Writes the frames of the set from {@code pfn} on, ascending, to {@code out} until it is full
     * and returns how many it wrote: 0 when there are none or {@code pfn} is negative. Decoding a
     * word's bits in one loop is several times faster per frame than a {@link #nextFrame} call each.
     */
    int frames(int pfn, int[] out) {
        if (pfn < 0) {
            return 0;
        }
        if (sparse != null) {
            int i = Arrays.binarySearch(sparse, pfn);
            i = i >= 0 ? i : -i - 1;
            int n = Math.min(out.length, sparse.length - i);
            System.arraycopy(sparse, i, out, 0, n);
            return n;
        }
        int w = pfn >>> 6;
        if (w >= used.length) {
            return 0;
        }
        long word = used[w] & (-1L << pfn);    // shifts use the low 6 bits: pfn & 63
        int n = 0;
        while (true) {
            while (word != 0 && n < out.length) {
                out[n++] = (w << 6) | Long.numberOfTrailingZeros(word);
                word &= word - 1;
            }
            if (n == out.length || ++w == used.length) {
                return n;
            }
            word = used[w];
        }
    }

    /** The highest frame of the set, -1 if it is empty. */
    int highest() {
        if (count == 0) {
            return -1;
        }
        if (sparse != null) {
            return sparse[count - 1];
        }
        int w = used.length - 1;
        while (used[w] == 0) {
            w--;
        }
        return (w << 6) | (63 - Long.numberOfLeadingZeros(used[w]));
    }

    /** Bytes of heap of this structure, the sorted frames included when it keeps them. */
    long heapBytesWithFrames() {
        return sparse != null ? (long) Integer.BYTES * sparse.length : heapBytes();
    }
}
