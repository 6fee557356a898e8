package org.uffdvisualizer.model;

import static org.uffdvisualizer.model.FrameBuckets.BITMAP_WORDS;
import static org.uffdvisualizer.model.FrameBuckets.BUCKET_BITS;
import static org.uffdvisualizer.model.FrameBuckets.BUCKET_MASK;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * The index from physical page to owning entries of a {@link PageMappings}, built once from its
 * entry arrays: the distinct frames in use ({@code pages}), their owners (in {@code ownerEntry},
 * in section order, where {@link OwnerSpans} says), the number of distinct owning sections per
 * page and the PSS of each mapping.
 *
 * <p>Entries sorted by PFN, stable (owners stay in file and so section order): distributed into
 * buckets of 2^16 PFNs (sequential writes), straight into ownerEntry, then each bucket
 * counting-sorted in place with a small count array that stays in the cache. A single count array
 * over all PFNs would be as large as the guest's frame count and touched at random. The builder
 * counted the entries per bucket as pages were added, while the parse was still running. The
 * frames in use (a bit per frame, per bucket) give the page count before sorting and the frames
 * to visit while sorting: the builder marks them too for small dumps; for large ones they are
 * marked here, bucket by bucket on two threads (see {@link FrameBuckets}). The only temporary of
 * the entries' size is their frames' low 16 bits in bucket order (2 bytes per entry), so that
 * marking and sorting read frames in order instead of at random. Where each page's owners start
 * is known only per bucket while it is sorted (nothing of a page's size is kept for it): the
 * owner spans take down the pages with more than one owner as they come.
 */
final class PageOwnerIndex {
    /** The distinct frames in use, page {@code i} being the i-th (a bitmap unless they are too sparse for one). */
    final FrameRank pages;
    final int[] ownerEntry;
    final OwnerSpans ownerSpans;
    final double[] mappingPss;

    private final int[] sectionPid;
    private final int[] mappingFirstEntry;
    private final int entries;
    /** From this many entries on, the work is split over two threads. */
    private final int parallelEntries;

    PageOwnerIndex(int[] sectionPid, int[] sectionFirstMapping, int[] mappingFirstEntry, int[] entryPfn, int entries,
                   FrameBuckets counted, int parallelEntries) {
        this.sectionPid = sectionPid;
        this.mappingFirstEntry = mappingFirstEntry;
        this.entries = entries;
        this.parallelEntries = parallelEntries;
        int mappings = mappingFirstEntry.length - 1;
        mappingPss = new double[mappings];

        int buckets = counted.count();
        int[] bucketStart = new int[buckets + 1];
        for (int k = 0; k < buckets; k++) {
            bucketStart[k + 1] = bucketStart[k] + counted.entries(k);
        }
        ownerEntry = new int[entries];
        short[] low = new short[entries];
        int middle = counted.split();
        if (middle > 0 && middle < entries && entries >= parallelEntries) {
            // Stable: the first half's entries go before the second's in every bucket.
            int[] secondStart = new int[buckets + 1];
            for (int k = 0; k < buckets; k++) {
                secondStart[k] = bucketStart[k] + counted.entriesBeforeSplit(k);
            }
            parallel(half -> distribute(entryPfn, half == 0 ? 0 : middle, half == 0 ? middle : entries,
                    half == 0 ? bucketStart : secondStart, ownerEntry, low));
        } else {
            distribute(entryPfn, 0, entries, bucketStart, ownerEntry, low);
        }
        int split = splitBuckets(bucketStart, buckets);
        long[][] used;
        if (counted.marksFrames()) {
            used = counted.framesInUse();
        } else {
            long[][] marked = new long[buckets][];
            parallel(half -> markFrames(bucketStart, low, half == 0 ? 0 : split, half == 0 ? split : buckets, marked));
            used = marked;
        }
        // Pages numbered bucket after bucket.
        int[] bucketPages = new int[buckets + 1];
        for (int k = 0; k < buckets; k++) {
            bucketPages[k + 1] = bucketPages[k] + bitCount(used[k]);
        }
        int distinct = bucketPages[buckets];
        int highest = highestFrame(used, buckets);
        // Dense frames (any guest's) are kept as the bitmaps just marked: no int per page to
        // allocate, zero and write (50 MB at 64 GiB), and the rank comes with them. Sparse ones
        // keep their sorted numbers, written while sorting.
        boolean bitmap = distinct > 0 && FrameRank.fitsBitmap(highest, distinct);
        int[] sparseFrames = bitmap ? null : new int[distinct];
        long[] multi = OwnerSpans.multiBits(distinct);
        int secondPage = bucketPages[split];
        // Multi pages are a few % of a real dump's: start with room for 1 in 16, grow if more.
        OwnerSpans.Part[] parts = {new OwnerSpans.Part(multi, 0, secondPage / 16),
                new OwnerSpans.Part(multi, secondPage, (distinct - secondPage) / 16)};
        int[] sectionFirstEntry = new int[sectionPid.length + 1];
        for (int s = 0; s <= sectionPid.length; s++) {
            sectionFirstEntry[s] = mappingFirstEntry[sectionFirstMapping[s]];
        }
        // Two threads (for large dumps), about half of the entries each.
        double[][] shared = {new double[mappings], new double[mappings]};
        parallel(half -> sortBuckets(bucketStart, low, bucketPages, used, half == 0 ? 0 : split,
                half == 0 ? split : buckets, sectionFirstEntry, shared[half], parts[half], sparseFrames));
        ownerSpans = new OwnerSpans(distinct, multi, parts[0], parts[1]);
        pages = bitmap ? FrameRank.ofBuckets(used, BITMAP_WORDS, distinct, highest) : FrameRank.of(sparseFrames);
        for (int s = 0; s < sectionPid.length; s++) {
            if (sectionPid[s] > 0) {
                for (int m = sectionFirstMapping[s]; m < sectionFirstMapping[s + 1]; m++) {
                    mappingPss[m] = (mappingFirstEntry[m + 1] - mappingFirstEntry[m]) - shared[0][m] - shared[1][m];
                }
            }
        }
    }

    /** The highest frame marked in {@code used} (a bitmap per bucket, null if empty), -1 if none is. */
    private static int highestFrame(long[][] used, int buckets) {
        for (int k = buckets - 1; k >= 0; k--) {
            long[] bits = used[k];
            for (int w = bits == null ? -1 : bits.length - 1; w >= 0; w--) {
                if (bits[w] != 0) {
                    return (k << BUCKET_BITS) | (w << 6) | (63 - Long.numberOfLeadingZeros(bits[w]));
                }
            }
        }
        return -1;
    }

    private static int bitCount(long[] bits) {
        int n = 0;
        if (bits != null) {
            for (long w : bits) {
                n += Long.bitCount(w);
            }
        }
        return n;
    }

    /** Sets a bit per frame in use in {@code used[k]} for buckets {@code [from, to)}, from the distributed frames' low bits. */
    private static void markFrames(int[] bucketStart, short[] low, int from, int to, long[][] used) {
        for (int k = from; k < to; k++) {
            if (bucketStart[k] != bucketStart[k + 1]) {
                used[k] = framesInUse(low, bucketStart[k], bucketStart[k + 1]);
            }
        }
    }

    /** A bit per frame of the bucket whose entries are {@code [from, to)}. */
    private static long[] framesInUse(short[] low, int from, int to) {
        long[] bits = new long[BITMAP_WORDS];
        for (int i = from; i < to; i++) {
            int j = low[i] & BUCKET_MASK;
            bits[j >>> 6] |= 1L << j;
        }
        return bits;
    }

    /**
     * Writes entries {@code [from, to)}, in ascending order, to the next free place of their bucket
     * (from {@code bucketStart}), and each one's frame's
     * bits within the bucket to the same place of {@code low}: the later passes then read both
     * in order instead of looking up each entry's frame at random (a cache miss per entry, most
     * of the index's time at 50 M entries).
     */
    private static void distribute(int[] entryPfn, int from, int to, int[] bucketStart, int[] out, short[] low) {
        int[] fill = Arrays.copyOf(bucketStart, bucketStart.length - 1);
        for (int e = from; e < to; e++) {
            int pfn = entryPfn[e];
            int at = fill[pfn >>> BUCKET_BITS]++;
            out[at] = e;
            low[at] = (short) pfn;
        }
    }

    /**
     * Runs {@code work(0)} on a helper thread and {@code work(1)} on this one, and waits for both;
     * for fewer than {@link #parallelEntries} entries both on this thread (measured: with the JIT
     * still compiling, a second thread costs more than it gains on small dumps).
     */
    private void parallel(IntConsumer work) {
        if (entries < parallelEntries) {
            work.accept(0);
            work.accept(1);
            return;
        }
        HelperThread helper = HelperThread.start("uffdvisualizer-index", () -> work.accept(0));
        work.accept(1);
        helper.join();
    }

    /** The first bucket of the second half: about half of the entries lie before it. */
    private static int splitBuckets(int[] bucketStart, int buckets) {
        int half = bucketStart[buckets] / 2;
        int k = 0;
        while (k < buckets && bucketStart[k] < half) {
            k++;
        }
        return k;
    }

    /**
     * Counting-sorts buckets {@code [from, to)} of {@code ownerEntry} in place by PFN, numbering
     * their pages from {@code bucketPages[from]} (their frames into {@code sparseFrames} unless it
     * is null), and counts their owners into {@code spans}.
     * {@code used[k]} has a bit per frame in use, so that only those are visited.
     *
     * <p>Each step over a bucket is a method with one loop. A fresh JVM runs a loop in the
     * interpreter until it compiles it on the fly (on-stack replacement), from that loop on; in one
     * method of several loops, the compiled code covered loops that had not run yet, threw itself
     * away at their first unseen branch and went back to the interpreter: a fresh 64 GiB index
     * sorted its first 48 of 128 buckets per thread at a third of the speed of the rest. Small
     * methods are each compiled once, early, and cheaply recompiled.
     */
    private void sortBuckets(int[] bucketStart, short[] lowOfAll, int[] bucketPages, long[][] used, int from, int to,
                             int[] sectionFirstEntry, double[] less, OwnerSpans.Part spans, int[] sparseFrames) {
        int largest = 0;
        int mostPages = 0;
        for (int k = from; k < to; k++) {
            largest = Math.max(largest, bucketStart[k + 1] - bucketStart[k]);
            mostPages = Math.max(mostPages, bucketPages[k + 1] - bucketPages[k]);
        }
        // Where each page of the bucket being sorted has its first owner.
        int[] firstOwner = new int[mostPages + 1];
        int[] count = new int[1 << BUCKET_BITS];
        int[] lastMapping = new int[sectionPid.length];
        Arrays.fill(lastMapping, -1);
        int[] bucketEntries = new int[largest];
        for (int k = from; k < to; k++) {
            int first = bucketStart[k];
            int n = bucketStart[k + 1] - first;
            if (n == 0) {
                continue;
            }
            System.arraycopy(ownerEntry, first, bucketEntries, 0, n);
            countFrames(lowOfAll, first, first + n, count);
            int pages = numberPages(used[k], count, k << BUCKET_BITS, first, sparseFrames, bucketPages[k], firstOwner);
            scatter(lowOfAll, first, n, count, bucketEntries, ownerEntry);
            clearCounts(used[k], count);
            countOwners(sectionFirstEntry, firstOwner, pages, bucketPages[k], less, lastMapping, spans);
        }
    }

    /** Counts the entries {@code [from, to)} of one bucket per frame (by their low bits). */
    private static void countFrames(short[] low, int from, int to, int[] count) {
        for (int i = from; i < to; i++) {
            count[low[i] & BUCKET_MASK]++;
        }
    }

    /**
     * Numbers the bucket's frames in use ({@code inUse}, {@code base} its first frame) as pages
     * from {@code firstPage} on (writing their frames into {@code frames} unless it is null),
     * turns each one's count into where its owners start (the bucket's from {@code first} on),
     * notes that in {@code firstOwner} (and the end after the last page) and returns the bucket's
     * page count.
     */
    private static int numberPages(long[] inUse, int[] count, int base, int first, int[] frames, int firstPage,
                                   int[] firstOwner) {
        int page = 0;
        int offset = first;
        for (int w = 0; w < inUse.length; w++) {
            long bits = inUse[w];
            while (bits != 0) {
                int j = (w << 6) | Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int c = count[j];
                if (frames != null) {              // loop-invariant: compiled as two loops
                    frames[firstPage + page] = base + j;
                }
                firstOwner[page] = offset;
                page++;
                count[j] = offset;
                offset += c;
            }
        }
        firstOwner[page] = offset;
        return page;
    }

    /** Writes the bucket's {@code n} entries, in order, to where their frames' owners go next. */
    private static void scatter(short[] low, int first, int n, int[] next, int[] entries, int[] out) {
        for (int i = 0; i < n; i++) {
            out[next[low[first + i] & BUCKET_MASK]++] = entries[i];
        }
    }

    /** Sets the counts of the bucket's frames in use back to 0 for the next bucket. */
    private static void clearCounts(long[] inUse, int[] count) {
        for (int w = 0; w < inUse.length; w++) {
            long bits = inUse[w];
            while (bits != 0) {
                count[(w << 6) | Long.numberOfTrailingZeros(bits)] = 0;
                bits &= bits - 1;
            }
        }
    }

    /**
     * Counts the distinct owners of a bucket's {@code pages} pages, numbered from {@code firstPage},
     * whose owners start at {@code firstOwner[0 .. pages]} (the end after the last), tells
     * {@code spans} of those with several owning entries, and adds to {@code less}, per mapping,
     * how much less than one page each of its entries on a page shared by several processes counts
     * for PSS: an entry adds 1 / (number of distinct processes owning its page). Kernel and page cache are owners for sharing but do not divide a process's
     * PSS, as in the kernel's smaps.
     */
    private void countOwners(int[] sectionFirstEntry, int[] firstOwner, int pages, int firstPage, double[] less,
                             int[] lastMapping, OwnerSpans.Part spans) {
        for (int i = 0; i < pages; i++) {
            int first = firstOwner[i];
            int last = firstOwner[i + 1];
            if (last - first == 1) {
                continue;                  // most pages: one owner, nothing shared
            }
            int owners = 0;
            int processes = 0;
            int lastSection = -1;
            for (int k = first; k < last; k++) {
                int s = sectionOf(sectionFirstEntry, ownerEntry[k], lastSection);
                if (s != lastSection) {
                    owners++;
                    if (sectionPid[s] > 0) {
                        processes++;
                    }
                    lastSection = s;
                }
            }
            spans.add(firstPage + i, last - first, owners);
            if (processes > 1) {
                double share = 1.0 - 1.0 / processes;
                int section = -1;
                for (int k = first; k < last; k++) {
                    int e = ownerEntry[k];
                    section = sectionOf(sectionFirstEntry, e, section);
                    if (sectionPid[section] > 0) {
                        less[mappingOf(e, section, lastMapping)] += share;
                    }
                }
            }
        }
    }

    /**
     * The mapping of entry {@code e} of section {@code s}: first the one found last time for that
     * section ({@code lastMapping[s]}, -1 if none), as the owners of neighbouring frames mostly
     * sit in the same mappings (a file's pages, a heap's), then a binary search.
     */
    private int mappingOf(int e, int s, int[] lastMapping) {
        int m = lastMapping[s];
        if (m >= 0 && e >= mappingFirstEntry[m] && e < mappingFirstEntry[m + 1]) {
            return m;
        }
        m = mappingOfEntry(mappingFirstEntry, e);
        lastMapping[s] = m;
        return m;
    }

    /** The mapping entry {@code e} belongs to, given each mapping's first entry (and the end after the last). */
    static int mappingOfEntry(int[] mappingFirstEntry, int e) {
        int m = Arrays.binarySearch(mappingFirstEntry, e);
        if (m < 0) {
            return -m - 2;
        }
        while (m + 1 < mappingFirstEntry.length - 1 && mappingFirstEntry[m + 1] == e) {
            m++;              // skip mappings without entries
        }
        return m;
    }

    /** The section of entry {@code e}; owners come in entry order, so {@code hint} (the last answer) usually is it. */
    private static int sectionOf(int[] sectionFirstEntry, int e, int hint) {
        if (hint >= 0 && e >= sectionFirstEntry[hint] && e < sectionFirstEntry[hint + 1]) {
            return hint;
        }
        int lo = 0;
        int hi = sectionFirstEntry.length - 2;
        while (lo < hi) {                  // the last section whose first entry is <= e
            int mid = (lo + hi + 1) >>> 1;
            if (sectionFirstEntry[mid] <= e) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;                         // empty sections before it have the same first entry: skipped
    }
}
