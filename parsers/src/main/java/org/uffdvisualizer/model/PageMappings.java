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
 * <li>Entries {@code e}: {@code entryPfn[e]} the physical page frame number; the entry's word
 *     ({@link #entryWord}: the virtual page address for process sections, the raw kpageflags word
 *     for kernel and page-cache sections) in {@code entryLow[e]} and the high bits of
 *     {@code entryFlags[e]}, see {@link #entryWord}; {@code entryFlags[e]} bit 0 exclusively mapped,
 *     bit 1 file page or shared anonymous, bit 2 the line carried those two flags.</li>
 * <li>Physical pages {@code i} (distinct PFNs that have an owner, ascending): their frames in
 *     {@code pages}, a {@link FrameRank} (a bit per frame and counts), which also answers from
 *     frame to page; owners are {@code ownerEntry[pageFirstOwner(i) .. pageOwnerEnd(i))}
 *     in section order, with the number of distinct owning sections, kept in {@link OwnerSpans}.</li>
 * </ul>
 * The {@link PageMappingsBuilder} collects the first three (and counts frames per bucket in {@link FrameBuckets});
 * {@link PageOwnerIndex} derives the physical pages from them.
 * About 14 bytes of heap per {@code p} line (see {@link #heapBytes()}): 4 frame, 4 and 1 word and
 * flags, 4 owner index per entry, and fractions of a byte for the pages' bitmap and the owner spans.
 */
public final class PageMappings {
    public static final int FLAG_EXCLUSIVE = 1;
    public static final int FLAG_FILE = 2;
    public static final int FLAG_HAS_PAGEMAP_FLAGS = 4;
    /** Bits of entryFlags beyond the public flags: the entry's word is in {@code words}, entryLow its index. */
    static final int WORD_IN_TABLE = 8;
    /** entryFlags bits 4-7: bits 32-35 of the virtual page number. */
    static final int PAGE_HIGH_SHIFT = 4;
    private static final int PUBLIC_FLAGS = 7;
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
    private final int[] entryLow;
    private final long[] words;
    private final int[] entryPfn;
    private final byte[] entryFlags;
    private final OwnerSpans ownerSpans;
    private final int[] ownerEntry;
    /**
     * The owned pages' frames, page {@code i} being the i-th lowest: a bitmap with counts (about
     * 0.2 bytes per page; see {@link FrameRank}), which also answers {@link #pageIndex} in
     * constant time. Made by the index from the bitmaps it sorts with.
     */
    private final FrameRank pages;
    private final double[] mappingPss;
    private final long ramEndHint;

    PageMappings(PageMappingsBuilder b) {
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
        entryLow = b.entryLow.toArrayOrBacking();
        words = b.words.toArray();
        entryPfn = b.entryPfn.toArrayOrBacking();
        entryFlags = b.entryFlags.toArrayOrBacking();
        ramEndHint = b.ramEndHint;
        PageOwnerIndex index = new PageOwnerIndex(sectionPid, sectionFirstMapping, mappingFirstEntry, entryPfn, entries,
                b.buckets, b.parallelEntries);
        pages = index.pages;
        ownerSpans = index.ownerSpans;
        ownerEntry = index.ownerEntry;
        mappingPss = index.mappingPss;
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
        return PageOwnerIndex.mappingOfEntry(mappingFirstEntry, e);
    }

    // ---- entries

    public int entryCount() {
        return entries;
    }

    public int entryPfn(int e) {
        return entryPfn[e];
    }

    /**
     * The virtual page address (process sections) or the kpageflags word (kernel, page cache).
     * A page-aligned address below 2^48 is kept as its page number, the low 32 bits in
     * {@code entryLow} and the next 4 in the flags byte; any other word in the word table.
     */
    public long entryWord(int e) {
        int f = entryFlags[e];
        int low = entryLow[e];
        if ((f & WORD_IN_TABLE) != 0) {
            return words[low];
        }
        return ((f & 0xF0L) << (32 - PAGE_HIGH_SHIFT) | (low & 0xFFFFFFFFL)) << PhysicalLayout.PAGE_SHIFT;
    }

    public int entryFlags(int e) {
        return entryFlags[e] & PUBLIC_FLAGS;
    }

    // ---- physical pages

    /** Number of distinct physical pages that have at least one owner. */
    public int pageCount() {
        return pages.count();
    }

    /**
     * The frame of page {@code i}: a search (logarithmic in the frame count). To visit the pages in
     * order, {@link #ownedFrames()} is the fast way.
     */
    public int pagePfn(int i) {
        return pages.frameAt(i);
    }

    /**
     * The lowest owned frame that is at least {@code pfn}, or -1 if there is none or {@code pfn} is
     * negative (so that {@code f + 1} after frame {@link Integer#MAX_VALUE} ends a walk): page {@code i + 1}'s
     * frame is {@code nextOwnedFrame(pagePfn(i) + 1)}, so
     * {@code for (int i = 0, f = nextOwnedFrame(0); f >= 0; i++, f = nextOwnedFrame(f + 1))}
     * visits every page in order with its index.
     */
    public int nextOwnedFrame(int pfn) {
        return pages.nextFrame(pfn);
    }

    /** A walk over the owned frames in order (page {@code i}'s frame is the i-th): for passes over all pages. */
    public OwnedFrames ownedFrames() {
        return new OwnedFrames(pages);
    }

    /**
     * Index of {@code pfn} among the owned pages, or a negative number if nobody owns it (as
     * {@code Arrays.binarySearch} over the owned frames would), in constant time: selections, tooltips and
     * replay call it for every page they touch.
     */
    public int pageIndex(int pfn) {
        return pages.indexOf(pfn);
    }

    /** Distinct owners of page {@code i} (processes, kernel, page cache), at most 255. */
    public int pageOwnerCount(int i) {
        return ownerSpans.ownerCount(i);
    }

    public int pageFirstOwner(int i) {
        return ownerSpans.first(i);
    }

    public int pageOwnerEnd(int i) {
        return ownerSpans.end(i);
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
        return pages.count() == 0 ? 0 : ((long) pages.highest() + 1) * PhysicalLayout.PAGE_SIZE;
    }

    /** Bytes of heap held by this object's arrays (the strings of names not counted). */
    public long heapBytes() {
        return 4L * (sectionPid.length + sectionFirstMapping.length + mappingFirstEntry.length
                + entryPfn.length + entryLow.length + ownerEntry.length)
                + 8L * (mappingStart.length + mappingEnd.length + words.length + mappingPss.length)
                + 4L * (sectionExe.length + mappingName.length)   // compressed references
                + entryFlags.length + ownerSpans.heapBytes() + pages.heapBytesWithFrames();
    }

    public static PageMappingsBuilder builder() {
        return new PageMappingsBuilder(1 << 16, PARALLEL_ENTRIES);
    }

    /** A builder whose entry arrays start with room for {@code expectedEntries} (no copies up to there). */
    public static PageMappingsBuilder builder(int expectedEntries) {
        return builder(expectedEntries, PARALLEL_ENTRIES);
    }

    /**
     * As {@link #builder(int)}, with dumps of {@code parallelEntries} entries or more taken as large:
     * their frames marked and their index built on two threads (tests reach that path with small dumps).
     */
    static PageMappingsBuilder builder(int expectedEntries, int parallelEntries) {
        return new PageMappingsBuilder(Math.max(16, expectedEntries), parallelEntries);
    }
}
