package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * The contents of a mem_mapping dump: its sections (processes, kernel, page cache), their
 * mappings ({@code v} lines) and resident pages ({@code p} lines, here called entries), plus an
 * index from physical page to the entries that own it. Immutable once built (the frame-to-page
 * lookup is derived on first use).
 *
 * <p>Layout, all primitive arrays (no object per page or per mapping):
 * <ul>
 * <li>Sections {@code s}: {@code pid}, {@code exe}; mappings of section {@code s} are
 *     {@code [sectionFirstMapping[s], sectionFirstMapping[s + 1])}.</li>
 * <li>Mappings {@code m}: {@code [start, end)}, name; entries of {@code m} are
 *     {@code [mappingFirstEntry[m], mappingFirstEntry[m + 1])}, in file order.</li>
 * <li>Entries {@code e}: {@code entryPfn[e]} the physical page frame number;
 *     {@code entryWord[e]} the virtual page address for process sections and the raw kpageflags
 *     word for kernel and page-cache sections; {@code entryFlags[e]} bit 0 exclusively mapped,
 *     bit 1 file page or shared anonymous, bit 2 the line carried those two flags.</li>
 * <li>Physical pages {@code i} (distinct PFNs that have an owner, ascending):
 *     {@code pagePfn[i]}; owners are {@code ownerEntry[pageFirstOwner[i] .. pageFirstOwner[i + 1])}
 *     in section order; {@code pageOwners[i]} the number of distinct owning sections (capped at 255).</li>
 * <li>From frame to page: {@code pageRank}, a {@link FrameRank} (a bit per frame and counts),
 *     built when first asked.</li>
 * </ul>
 * About 26 bytes of heap per {@code p} line (see {@link #heapBytes()}).
 */
public final class PageMappings {
    public static final int FLAG_EXCLUSIVE = 1;
    public static final int FLAG_FILE = 2;
    public static final int FLAG_HAS_PAGEMAP_FLAGS = 4;
    /** Sorting by PFN goes through buckets of 2^16 PFNs (a 256 KiB count array). */
    private static final int BUCKET_BITS = 16;
    private static final int BUCKET_MASK = (1 << BUCKET_BITS) - 1;
    /** Dumps with at least this many entries are indexed on two threads. */
    private static final int PARALLEL_ENTRIES = 1 << 22;

    private final int[] sectionPid;
    private final String[] sectionExe;
    private final int[] sectionFirstMapping;
    private final long[] mappingStart;
    private final long[] mappingEnd;
    private final String[] mappingName;
    private final int[] mappingFirstEntry;
    private final int entries;
    // The entry arrays may be slightly longer than entries: they are the builder's, kept uncopied.
    private final long[] entryWord;
    private final int[] entryPfn;
    private final byte[] entryFlags;
    private final int[] pagePfn;
    private final int[] pageFirstOwner;
    private final int[] ownerEntry;
    private final byte[] pageOwners;
    /**
     * From frame to page index, built by the first {@link #pageIndex} call: the window needs it at
     * once, loading and the summary never do (about 0.1 s at 50 M pages that a parse would pay
     * for nothing). Racy single-check, as {@code String.hashCode}: FrameRank's fields are final,
     * so a thread that sees the reference sees it built; two threads may both build it, harmlessly.
     */
    private FrameRank pageRank;
    private final double[] mappingPss;
    private final long ramEndHint;

    private PageMappings(Builder b) {
        sectionPid = b.sectionPid.toArray();
        sectionExe = b.sectionExe.toArray(new String[0]);
        IntList firstMapping = b.sectionFirstMapping;
        firstMapping.add(b.mappingStart.size());
        sectionFirstMapping = firstMapping.toArray();
        mappingStart = b.mappingStart.toArray();
        mappingEnd = b.mappingEnd.toArray();
        mappingName = b.mappingName.toArray(new String[0]);
        IntList firstEntry = b.mappingFirstEntry;
        entries = b.entryPfn.size();
        firstEntry.add(entries);
        mappingFirstEntry = firstEntry.toArray();
        entryWord = b.entryWord.toArrayOrBacking();
        entryPfn = b.entryPfn.toArrayOrBacking();
        entryFlags = b.entryFlags.toArrayOrBacking();
        ramEndHint = b.ramEndHint;
        mappingPss = new double[mappingStart.length];

        // Entries sorted by PFN, stable (owners stay in file and so section order): distributed
        // into buckets of 2^16 PFNs (sequential writes), straight into ownerEntry, then each
        // bucket counting-sorted in place with a small count array that stays in the cache. A
        // single count array over all PFNs would be as large as the guest's frame count and
        // touched at random. The builder counted the entries per bucket as pages were added,
        // while the parse was still running. The frames in use (a bit per frame, per bucket) give
        // the page count before sorting and the frames to visit while sorting: the builder marks
        // them too for small dumps; for large ones the bitmaps outgrow the cache, and marking
        // them one page at a time slowed the merge, so they are marked here, bucket by bucket on
        // two threads. No array of the entries' size is allocated besides the model's own (in a
        // fresh JVM, heap never used before costs a page fault per 4 KiB and adds to the peak RSS).
        int buckets = b.bucketCount();
        int[] bucketStart = new int[buckets + 1];
        for (int k = 0; k < buckets; k++) {
            bucketStart[k + 1] = bucketStart[k] + b.bucketEntries[k];
        }
        ownerEntry = new int[entries];
        distribute(entryPfn, entries, bucketStart, ownerEntry);
        int split = splitBuckets(bucketStart, buckets);
        long[][] used;
        if (b.marksFrames) {
            used = b.framesInUse;
        } else {
            long[][] marked = new long[buckets][];
            parallel(half -> markFrames(bucketStart, half == 0 ? 0 : split, half == 0 ? split : buckets, marked));
            used = marked;
        }
        // Pages numbered bucket after bucket.
        int[] bucketPages = new int[buckets + 1];
        for (int k = 0; k < buckets; k++) {
            bucketPages[k + 1] = bucketPages[k] + bitCount(used[k]);
        }
        int distinct = bucketPages[buckets];
        pagePfn = new int[distinct];
        pageFirstOwner = new int[distinct + 1];
        pageOwners = new byte[distinct];
        int[] sectionFirstEntry = new int[sectionPid.length + 1];
        for (int s = 0; s <= sectionPid.length; s++) {
            sectionFirstEntry[s] = mappingFirstEntry[sectionFirstMapping[s]];
        }
        // Two threads (for large dumps), about half of the entries each.
        double[][] shared = {new double[mappingStart.length], new double[mappingStart.length]};
        parallel(half -> sortBuckets(bucketStart, bucketPages, used, half == 0 ? 0 : split,
                half == 0 ? split : buckets, sectionFirstEntry, shared[half]));
        pageFirstOwner[distinct] = entries;
        for (int s = 0; s < sectionPid.length; s++) {
            if (sectionPid[s] > 0) {
                for (int m = sectionFirstMapping[s]; m < sectionFirstMapping[s + 1]; m++) {
                    mappingPss[m] = (mappingFirstEntry[m + 1] - mappingFirstEntry[m]) - shared[0][m] - shared[1][m];
                }
            }
        }
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

    /** Sets a bit per frame in use in {@code used[k]} for buckets {@code [from, to)}, from the distributed entries. */
    private void markFrames(int[] bucketStart, int from, int to, long[][] used) {
        for (int k = from; k < to; k++) {
            if (bucketStart[k] == bucketStart[k + 1]) {
                continue;
            }
            long[] bits = new long[1 << (BUCKET_BITS - 6)];
            for (int i = bucketStart[k]; i < bucketStart[k + 1]; i++) {
                int pfn = entryPfn[ownerEntry[i]];
                bits[(pfn >>> 6) & (BUCKET_MASK >>> 6)] |= 1L << pfn;
            }
            used[k] = bits;
        }
    }

    /** Writes each entry, in ascending order, to the next free place of its bucket. */
    private static void distribute(int[] entryPfn, int entries, int[] bucketStart, int[] out) {
        int[] fill = java.util.Arrays.copyOf(bucketStart, bucketStart.length - 1);
        for (int e = 0; e < entries; e++) {
            out[fill[entryPfn[e] >>> BUCKET_BITS]++] = e;
        }
    }

    /**
     * Runs {@code work(0)} on a helper thread and {@code work(1)} on this one, and waits for both;
     * for fewer than {@link #PARALLEL_ENTRIES} entries both on this thread (measured: with the JIT
     * still compiling, a second thread costs more than it gains on small dumps).
     */
    private void parallel(java.util.function.IntConsumer work) {
        if (entries < PARALLEL_ENTRIES) {
            work.accept(0);
            work.accept(1);
            return;
        }
        Throwable[] failure = new Throwable[1];
        Thread helper = new Thread(() -> {
            try {
                work.accept(0);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "uffdvisualizer-index");
        helper.start();
        work.accept(1);
        try {
            helper.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while indexing", e);
        }
        if (failure[0] instanceof RuntimeException r) {
            throw r;
        } else if (failure[0] instanceof Error err) {
            throw err;
        }
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
     * their pages from {@code bucketPages[from]}, and counts their owners. {@code used[k]} has a bit
     * per frame in use, so that only those are visited.
     */
    private void sortBuckets(int[] bucketStart, int[] bucketPages, long[][] used, int from, int to,
                             int[] sectionFirstEntry, double[] less) {
        int largest = 0;
        for (int k = from; k < to; k++) {
            largest = Math.max(largest, bucketStart[k + 1] - bucketStart[k]);
        }
        int[] count = new int[1 << BUCKET_BITS];
        int[] lastMapping = new int[sectionPid.length];
        java.util.Arrays.fill(lastMapping, -1);
        int[] bucketEntries = new int[largest];
        short[] low = new short[largest];
        for (int k = from; k < to; k++) {
            int first = bucketStart[k];
            int n = bucketStart[k + 1] - first;
            if (n == 0) {
                continue;
            }
            // The bucket's entries are in ascending order, so their PFNs are read forwards.
            for (int i = 0; i < n; i++) {
                int e = ownerEntry[first + i];
                int j = entryPfn[e] & BUCKET_MASK;
                bucketEntries[i] = e;
                low[i] = (short) j;
                count[j]++;
            }
            int page = bucketPages[k];
            int offset = first;
            int base = k << BUCKET_BITS;
            long[] inUse = used[k];
            for (int w = 0; w < inUse.length; w++) {
                long bits = inUse[w];
                while (bits != 0) {
                    int j = (w << 6) | Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    int c = count[j];
                    pagePfn[page] = base + j;
                    pageFirstOwner[page] = offset;
                    page++;
                    count[j] = offset;
                    offset += c;
                }
            }
            for (int i = 0; i < n; i++) {
                ownerEntry[count[low[i] & BUCKET_MASK]++] = bucketEntries[i];
            }
            for (int w = 0; w < inUse.length; w++) {
                long bits = inUse[w];
                while (bits != 0) {
                    count[(w << 6) | Long.numberOfTrailingZeros(bits)] = 0;
                    bits &= bits - 1;
                }
            }
            countOwners(sectionFirstEntry, bucketPages[k], bucketPages[k + 1], first + n, less, lastMapping);
        }
    }

    /**
     * Counts the distinct owners of pages {@code [from, to)} (whose owners end at {@code end}) and
     * adds to {@code less}, per mapping, how much less than one page each of its entries on a page
     * shared by several processes counts for PSS: an entry adds 1 / (number of distinct processes
     * owning its page). Kernel and page cache are owners for sharing but do not divide a process's
     * PSS, as in the kernel's smaps.
     */
    private void countOwners(int[] sectionFirstEntry, int from, int to, int end, double[] less, int[] lastMapping) {
        for (int i = from; i < to; i++) {
            int first = pageFirstOwner[i];
            int last = i + 1 < to ? pageFirstOwner[i + 1] : end;
            if (last - first == 1) {
                pageOwners[i] = 1;         // most pages: one owner, nothing shared
                continue;
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
            pageOwners[i] = (byte) Math.min(owners, 255);
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
        m = mappingOfEntry(e);
        lastMapping[s] = m;
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

    // ---- sections

    public int sectionCount() {
        return sectionPid.length;
    }

    public int sectionPid(int s) {
        return sectionPid[s];
    }

    /** The executable of a process section ("" if the dump had none), "kernel" or "pagecache". */
    public String sectionExe(int s) {
        return sectionExe[s];
    }

    public SectionKind sectionKind(int s) {
        return SectionKind.ofPid(sectionPid[s]);
    }

    public int sectionFirstMapping(int s) {
        return sectionFirstMapping[s];
    }

    public int sectionMappingCount(int s) {
        return sectionFirstMapping[s + 1] - sectionFirstMapping[s];
    }

    public int sectionFirstEntry(int s) {
        return mappingFirstEntry[sectionFirstMapping[s]];
    }

    public int sectionEntryCount(int s) {
        return mappingFirstEntry[sectionFirstMapping[s + 1]] - sectionFirstEntry(s);
    }

    /** The first section with this pid, or -1. */
    public int sectionOfPid(int pid) {
        for (int s = 0; s < sectionPid.length; s++) {
            if (sectionPid[s] == pid) {
                return s;
            }
        }
        return -1;
    }

    /** The section an entry belongs to. */
    public int sectionOfEntry(int e) {
        int m = mappingOfEntry(e);
        int s = Arrays.binarySearch(sectionFirstMapping, m);
        if (s < 0) {
            return -s - 2;
        }
        while (s + 1 < sectionFirstMapping.length && sectionFirstMapping[s + 1] == m) {
            s++;              // skip sections without mappings
        }
        return Math.min(s, sectionPid.length - 1);
    }

    // ---- mappings

    public int mappingCount() {
        return mappingStart.length;
    }

    public long mappingStart(int m) {
        return mappingStart[m];
    }

    /** End of the mapping as written ({@code v} END; exclusive, except kernel ranges from /proc/iomem). */
    public long mappingEnd(int m) {
        return mappingEnd[m];
    }

    /** The mapping's name, "" when it has none. */
    public String mappingName(int m) {
        return mappingName[m];
    }

    public int mappingFirstEntry(int m) {
        return mappingFirstEntry[m];
    }

    public int mappingEntryCount(int m) {
        return mappingFirstEntry[m + 1] - mappingFirstEntry[m];
    }

    /** Proportional set size of the mapping, in pages (0 outside process sections). */
    public double mappingPss(int m) {
        return mappingPss[m];
    }

    /** The mapping an entry belongs to. */
    public int mappingOfEntry(int e) {
        int m = Arrays.binarySearch(mappingFirstEntry, e);
        if (m < 0) {
            return -m - 2;
        }
        while (m + 1 < mappingFirstEntry.length - 1 && mappingFirstEntry[m + 1] == e) {
            m++;              // skip mappings without entries
        }
        return m;
    }

    // ---- entries

    public int entryCount() {
        return entries;
    }

    public int entryPfn(int e) {
        return entryPfn[e];
    }

    /** The virtual page address (process sections) or the kpageflags word (kernel, page cache). */
    public long entryWord(int e) {
        return entryWord[e];
    }

    public int entryFlags(int e) {
        return entryFlags[e];
    }

    // ---- physical pages

    /** Number of distinct physical pages that have at least one owner. */
    public int pageCount() {
        return pagePfn.length;
    }

    public int pagePfn(int i) {
        return pagePfn[i];
    }

    /**
     * Index of {@code pfn} among the owned pages, or a negative number if nobody owns it (as
     * {@code Arrays.binarySearch(pagePfn, pfn)}), in constant time: selections, tooltips and
     * replay call it for every page they touch.
     */
    public int pageIndex(int pfn) {
        FrameRank rank = pageRank;
        if (rank == null) {
            rank = FrameRank.of(pagePfn);
            pageRank = rank;
        }
        return rank.indexOf(pfn);
    }

    /** Distinct owners of page {@code i} (processes, kernel, page cache), at most 255. */
    public int pageOwnerCount(int i) {
        return pageOwners[i] & 0xff;
    }

    public int pageFirstOwner(int i) {
        return pageFirstOwner[i];
    }

    public int pageOwnerEnd(int i) {
        return pageFirstOwner[i + 1];
    }

    /** The k-th owning entry, for {@code pageFirstOwner(i) <= k < pageOwnerEnd(i)}. */
    public int ownerEntry(int k) {
        return ownerEntry[k];
    }

    /**
     * The end of RAM the dump itself states (the page-cache section's {@code v} line covers all
     * RAM), or 0 if it has none.
     */
    public long ramEndHint() {
        return ramEndHint;
    }

    /** Highest physical address covered by an entry, plus one page; 0 if there are none. */
    public long highestPageEnd() {
        return pagePfn.length == 0 ? 0 : ((long) pagePfn[pagePfn.length - 1] + 1) * PhysicalLayout.PAGE_SIZE;
    }

    /** Bytes of heap held by this object's arrays (the strings of names not counted). */
    public long heapBytes() {
        return 4L * (sectionPid.length + sectionFirstMapping.length + mappingFirstEntry.length
                + entryPfn.length + pagePfn.length + pageFirstOwner.length + ownerEntry.length)
                + 8L * (mappingStart.length + mappingEnd.length + entryWord.length + mappingPss.length)
                + 4L * (sectionExe.length + mappingName.length)   // compressed references
                + entryFlags.length + pageOwners.length + FrameRank.heapBytes(pagePfn);
    }

    public static Builder builder() {
        return new Builder(1 << 16);
    }

    /** A builder whose entry arrays start with room for {@code expectedEntries} (no copies up to there). */
    public static Builder builder(int expectedEntries) {
        return new Builder(Math.max(16, expectedEntries));
    }

    /** Collects a dump line by line; {@link #build()} indexes it. Not thread-safe. */
    public static final class Builder {
        private final IntList sectionPid = new IntList(16);
        private final java.util.List<String> sectionExe = new java.util.ArrayList<>();
        private final IntList sectionFirstMapping = new IntList(16);
        private final LongList mappingStart = new LongList(1024);
        private final LongList mappingEnd = new LongList(1024);
        private final java.util.List<String> mappingName = new java.util.ArrayList<>();
        private final java.util.Map<String, String> names = new java.util.HashMap<>();
        private final IntList mappingFirstEntry = new IntList(1024);
        private final LongList entryWord;
        private final IntList entryPfn;
        private final ByteList entryFlags;
        private long ramEndHint;
        /**
         * Entries per bucket of 2^16 frames and, for each bucket that has any, a bit per frame in
         * use (8 KiB), kept up as pages come in so that {@link #build()} needs no pass of its own
         * for them; grown as higher frames come. Per bucket, so that a few frames high up in a
         * sparse address space cost a few buckets, not a bitmap over all of it.
         */
        private int[] bucketEntries = new int[1];
        private long[][] framesInUse = new long[1][];
        /** Whether pages are marked in {@link #framesInUse} as they come (small dumps). */
        private final boolean marksFrames;

        private Builder(int entries) {
            marksFrames = entries < PARALLEL_ENTRIES;
            entryWord = new LongList(entries);
            entryPfn = new IntList(entries);
            entryFlags = new ByteList(entries);
        }

        /** Starts a section ({@code = PID EXE}). */
        public Builder section(int pid, String exe) {
            sectionPid.add(pid);
            sectionExe.add(exe == null ? "" : exe);
            sectionFirstMapping.add(mappingStart.size());
            return this;
        }

        public int sectionCount() {
            return sectionPid.size();
        }

        /** The kind of the current section; call only after {@link #section}. */
        public SectionKind currentKind() {
            return SectionKind.ofPid(sectionPid.get(sectionPid.size() - 1));
        }

        /** True if the current section has a mapping that pages can be added to. */
        public boolean hasOpenMapping() {
            int s = sectionFirstMapping.size();
            return s > 0 && mappingStart.size() > sectionFirstMapping.get(s - 1);
        }

        /** Adds a mapping ({@code v START END NAME}) to the current section. */
        public Builder mapping(long start, long end, String name) {
            String n = name == null ? "" : name;
            mappingStart.add(start);
            mappingEnd.add(end);
            mappingName.add(names.computeIfAbsent(n, k -> k));   // names repeat a lot: share them
            mappingFirstEntry.add(entryPfn.size());
            if (currentKind() == SectionKind.PAGECACHE) {
                ramEndHint = Math.max(ramEndHint, end);
            }
            return this;
        }

        /** Adds a resident page to the current mapping. */
        public Builder page(long word, int pfn, int flags) {
            count(pfn);
            entryWord.add(word);
            entryPfn.add(pfn);
            entryFlags.add((byte) flags);
            return this;
        }

        public int entryCount() {
            return entryPfn.size();
        }

        /** Entries that fit without growing the arrays. */
        public int entryCapacity() {
            return Math.min(entryPfn.capacity(), Math.min(entryWord.capacity(), entryFlags.capacity()));
        }

        /** Grows the entry arrays (once) to hold {@code total} entries, if they are smaller. */
        public void expectEntries(long total) {
            int n = (int) Math.min(total, Integer.MAX_VALUE - 16);
            entryWord.ensureCapacity(n);
            entryPfn.ensureCapacity(n);
            entryFlags.ensureCapacity(n);
        }

        /**
         * Adds resident pages {@code from .. to} of a parsed chunk to the current mapping, as
         * blocks: {@code words} the virtual addresses (process sections) or kpageflags words
         * (kernel and page cache), {@code pfns} their frames, {@code flags} their pagemap flags
         * ({@code null}: none). The caller has checked every entry and that a mapping is open.
         */
        public Builder pages(long[] words, int[] pfns, byte[] flags, int from, int to) {
            int n = entryPfn.size();
            int count = to - from;
            if (count <= 0) {
                return this;
            }
            int total = n + count;
            if (total > entryCapacity()) {
                expectEntries(LongList.grow(total));
            }
            System.arraycopy(words, from, entryWord.raw(), n, count);
            System.arraycopy(pfns, from, entryPfn.raw(), n, count);
            if (flags != null) {
                System.arraycopy(flags, from, entryFlags.raw(), n, count);
            } else {
                java.util.Arrays.fill(entryFlags.raw(), n, total, (byte) 0);
            }
            entryWord.setSize(total);
            entryPfn.setSize(total);
            entryFlags.setSize(total);
            countAll(pfns, from, to);
            return this;
        }

        private void count(int pfn) {
            int k = pfn >>> BUCKET_BITS;
            if (k >= bucketEntries.length) {
                growBuckets(k);
            }
            bucketEntries[k]++;
            if (!marksFrames) {
                return;
            }
            if (framesInUse[k] == null) {
                framesInUse[k] = new long[1 << (BUCKET_BITS - 6)];
            }
            framesInUse[k][(pfn >>> 6) & (BUCKET_MASK >>> 6)] |= 1L << pfn;
        }

        private void countAll(int[] pfns, int from, int to) {
            if (!marksFrames) {
                countOnly(pfns, from, to);
                return;
            }
            int[] perBucket = bucketEntries;
            long[][] inUse = framesInUse;
            for (int i = from; i < to; i++) {
                int pfn = pfns[i];
                int k = pfn >>> BUCKET_BITS;
                if (k >= perBucket.length) {
                    growBuckets(k);
                    perBucket = bucketEntries;
                    inUse = framesInUse;
                }
                perBucket[k]++;
                long[] bits = inUse[k];
                if (bits == null) {
                    bits = new long[1 << (BUCKET_BITS - 6)];
                    inUse[k] = bits;
                }
                bits[(pfn >>> 6) & (BUCKET_MASK >>> 6)] |= 1L << pfn;
            }
        }

        private void countOnly(int[] pfns, int from, int to) {
            int[] perBucket = bucketEntries;
            for (int i = from; i < to; i++) {
                int k = pfns[i] >>> BUCKET_BITS;
                if (k >= perBucket.length) {
                    growBuckets(k);
                    perBucket = bucketEntries;
                }
                perBucket[k]++;
            }
        }

        /** Room for bucket {@code k}, and an eighth more: frames mostly arrive scattered over all of RAM. */
        private void growBuckets(int k) {
            int n = (int) Math.min((long) k + 1 + (k >> 3), 1 << (31 - BUCKET_BITS));
            bucketEntries = java.util.Arrays.copyOf(bucketEntries, n);
            framesInUse = java.util.Arrays.copyOf(framesInUse, n);
        }

        /** Buckets up to the last that has entries (at least one). */
        private int bucketCount() {
            int n = bucketEntries.length;
            while (n > 1 && bucketEntries[n - 1] == 0) {
                n--;
            }
            return n;
        }

        public PageMappings build() {
            return new PageMappings(this);
        }
    }
}
