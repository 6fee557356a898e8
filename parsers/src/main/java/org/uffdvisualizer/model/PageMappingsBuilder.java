package org.uffdvisualizer.model;

/**
 * Collects a mem_mapping dump line by line for {@link PageMappings}; {@link #build()} indexes it. Made by
 * {@link PageMappings#builder()}. Not thread-safe.
 */
public final class PageMappingsBuilder {
    // Fields are package-private: the PageMappings constructor takes the collected lists over.
    final IntList sectionPid = new IntList(16);
    final java.util.List<String> sectionExe = new java.util.ArrayList<>();
    final IntList sectionFirstMapping = new IntList(16);
    final LongList mappingStart = new LongList(1024);
    final LongList mappingEnd = new LongList(1024);
    final java.util.List<String> mappingName = new java.util.ArrayList<>();
    final java.util.Map<String, String> names = new java.util.HashMap<>();
    final IntList mappingFirstEntry = new IntList(1024);
    final IntList entryLow;
    final WordTable words = new WordTable();
    final IntList entryPfn;
    final ByteList entryFlags;
    long ramEndHint;
    final FrameBuckets buckets;
    final int parallelEntries;
    /** At this entry count the bucket counts are noted, so that two threads can distribute the entries (large dumps). */
    final int splitAt;

    PageMappingsBuilder(int entries, int parallelEntries) {
        this.parallelEntries = parallelEntries;
        buckets = new FrameBuckets(entries < parallelEntries);
        splitAt = entries < parallelEntries ? Integer.MAX_VALUE : entries / 2;
        if (entries < parallelEntries) {
            entryLow = new IntList(entries);
            entryPfn = new IntList(entries);
            entryFlags = new ByteList(entries);
            return;
        }
        // Zeroing a new array touches each of its pages first, a page fault each (55-95 ms for
        // the 122 MB of a 64 GiB guest, before the first chunk can be added): the largest is
        // made on a second thread while this one makes the others.
        EntryLowList low = new EntryLowList(entries);
        HelperThread helper = HelperThread.start("uffdvisualizer-alloc", low);
        entryPfn = new IntList(entries);
        entryFlags = new ByteList(entries);
        helper.join();
        entryLow = low.list;
    }

    /** Makes the entryLow list on a helper thread (a class, not a lambda: see ChunkPipeline's workers). */
    private static final class EntryLowList implements Runnable {
        private final int entries;
        private IntList list;

        EntryLowList(int entries) {
            this.entries = entries;
        }

        @Override
        public void run() {
            list = new IntList(entries);
        }
    }

    /** Starts a section ({@code = PID EXE}). */
    public PageMappingsBuilder section(int pid, String exe) {
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
    public PageMappingsBuilder mapping(long start, long end, String name) {
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
    public PageMappingsBuilder page(long word, int pfn, int flags) {
        if (entryPfn.size() == splitAt) {
            buckets.split(splitAt);
        }
        buckets.count(pfn);
        entryPfn.add(pfn);
        entryLow.add(0);
        entryFlags.add((byte) 0);
        encode(currentKind() == SectionKind.PROCESS, word, flags, entryPfn.size() - 1);
        return this;
    }

    /** Stores entry {@code e}'s word and flags in entryLow and entryFlags (see {@link #entryWord}). */
    void encode(boolean address, long word, int flags, int e) {
        if (address && (word & (PhysicalLayout.PAGE_SIZE - 1)) == 0 && word >>> 48 == 0) {
            entryLow.raw()[e] = (int) (word >>> PhysicalLayout.PAGE_SHIFT);
            entryFlags.raw()[e] = (byte) (flags | (word >>> 44) << PageMappings.PAGE_HIGH_SHIFT);
        } else {
            entryLow.raw()[e] = words.indexOf(word);
            entryFlags.raw()[e] = (byte) (flags | PageMappings.WORD_IN_TABLE);
        }
    }

    public int entryCount() {
        return entryPfn.size();
    }

    /** Entries that fit without growing the arrays. */
    public int entryCapacity() {
        return Math.min(entryPfn.capacity(), Math.min(entryLow.capacity(), entryFlags.capacity()));
    }

    /** Grows the entry arrays (once) to hold {@code total} entries, if they are smaller. */
    public void expectEntries(long total) {
        int n = (int) Math.min(total, Integer.MAX_VALUE - 16);
        entryLow.ensureCapacity(n);
        entryPfn.ensureCapacity(n);
        entryFlags.ensureCapacity(n);
    }

    /**
     * Adds resident pages {@code from .. to} of a parsed chunk to the current mapping, as
     * blocks: {@code words} the virtual addresses (process sections) or kpageflags words
     * (kernel and page cache), {@code pfns} their frames, {@code flags} their pagemap flags
     * (process sections; the others have none, {@code null}). The caller has checked every
     * entry and that a mapping is open.
     */
    public PageMappingsBuilder pages(long[] words, int[] pfns, byte[] flags, int from, int to) {
        int n = entryPfn.size();
        int count = to - from;
        if (count <= 0) {
            return this;
        }
        int total = n + count;
        if (n <= splitAt && total > splitAt) {
            buckets.countAll(pfns, from, from + splitAt - n);
            buckets.split(splitAt);
            buckets.countAll(pfns, from + splitAt - n, to);
        } else {
            buckets.countAll(pfns, from, to);
        }
        if (total > entryCapacity()) {
            expectEntries(LongList.grow(total));
        }
        System.arraycopy(pfns, from, entryPfn.raw(), n, count);
        // A loop per section kind, each in a method of its own: in a fresh JVM the kernel
        // section, late in the file, would otherwise reach a path the compiled merge had never
        // run, and the merge was thrown away and compiled again (twice, at 80 ms of C2 each).
        if (currentKind() == SectionKind.PROCESS) {
            encodeAddresses(words, flags, from, count, n);
        } else {
            encodeWords(words, from, count, n);
        }
        entryLow.setSize(total);
        entryPfn.setSize(total);
        entryFlags.setSize(total);
        return this;
    }

    /** {@link #encode} of {@code count} process pages, their virtual addresses {@code words[from ..]}. */
    void encodeAddresses(long[] addresses, byte[] flags, int from, int count, int n) {
        int[] low = entryLow.raw();
        byte[] high = entryFlags.raw();
        for (int i = 0; i < count; i++) {
            long word = addresses[from + i];
            if ((word & (PhysicalLayout.PAGE_SIZE - 1)) == 0 && word >>> 48 == 0) {
                low[n + i] = (int) (word >>> PhysicalLayout.PAGE_SHIFT);
                high[n + i] = (byte) (flags[from + i] | (word >>> 44) << PageMappings.PAGE_HIGH_SHIFT);
            } else {
                encode(true, word, flags[from + i], n + i);
            }
        }
    }

    /** {@link #encode} of {@code count} kernel or page-cache pages, their kpageflags {@code words[from ..]}. */
    void encodeWords(long[] kpageflags, int from, int count, int n) {
        int[] low = entryLow.raw();
        byte[] high = entryFlags.raw();
        for (int i = 0; i < count; i++) {
            low[n + i] = words.indexOf(kpageflags[from + i]);
            high[n + i] = PageMappings.WORD_IN_TABLE;
        }
    }

    public PageMappings build() {
        return new PageMappings(this);
    }
}
