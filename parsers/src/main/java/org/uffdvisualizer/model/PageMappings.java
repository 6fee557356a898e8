package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * The contents of a mem_mapping dump: its sections (processes, kernel, page cache), their
 * mappings ({@code v} lines) and resident pages ({@code p} lines, here called entries), plus an
 * index from physical page to the entries that own it. Immutable once built.
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
 * </ul>
 * About 26 bytes of heap per {@code p} line (see {@link #heapBytes()}).
 */
public final class PageMappings {
    public static final int FLAG_EXCLUSIVE = 1;
    public static final int FLAG_FILE = 2;
    public static final int FLAG_HAS_PAGEMAP_FLAGS = 4;

    private final int[] sectionPid;
    private final String[] sectionExe;
    private final int[] sectionFirstMapping;
    private final long[] mappingStart;
    private final long[] mappingEnd;
    private final String[] mappingName;
    private final int[] mappingFirstEntry;
    private final long[] entryWord;
    private final int[] entryPfn;
    private final byte[] entryFlags;
    private final int[] pagePfn;
    private final int[] pageFirstOwner;
    private final int[] ownerEntry;
    private final byte[] pageOwners;
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
        firstEntry.add(b.entryPfn.size());
        mappingFirstEntry = firstEntry.toArray();
        entryWord = b.entryWord.toArray();
        entryPfn = b.entryPfn.toArray();
        entryFlags = b.entryFlags.toArray();
        ramEndHint = b.ramEndHint;

        ownerEntry = sortEntriesByPfn(entryPfn);
        int distinct = countDistinct(ownerEntry, entryPfn);
        pagePfn = new int[distinct];
        pageFirstOwner = new int[distinct + 1];
        pageOwners = new byte[distinct];
        mappingPss = new double[mappingStart.length];
        indexPhysicalPages();
    }

    /** Entry ids ordered by PFN; entries of one PFN stay in file (and so section) order. */
    private static int[] sortEntriesByPfn(int[] pfn) {
        long[] keys = new long[pfn.length];
        for (int e = 0; e < pfn.length; e++) {
            keys[e] = ((long) pfn[e] << 32) | e;
        }
        Arrays.parallelSort(keys);
        int[] order = new int[pfn.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    private static int countDistinct(int[] order, int[] pfn) {
        int n = 0;
        for (int i = 0; i < order.length; i++) {
            if (i == 0 || pfn[order[i]] != pfn[order[i - 1]]) {
                n++;
            }
        }
        return n;
    }

    /**
     * Fills the per-physical-page arrays and, in the same pass, each mapping's proportional set
     * size: an entry adds 1 / (number of distinct processes owning its page). Kernel and page
     * cache are owners for sharing but do not divide a process's PSS, as in the kernel's smaps.
     */
    private void indexPhysicalPages() {
        int[] entrySection = entrySections();
        int page = -1;
        int i = 0;
        while (i < ownerEntry.length) {
            int pfn = entryPfn[ownerEntry[i]];
            int j = i;
            int owners = 0;
            int processOwners = 0;
            int lastSection = -1;
            while (j < ownerEntry.length && entryPfn[ownerEntry[j]] == pfn) {
                int s = entrySection[ownerEntry[j]];
                if (s != lastSection) {
                    owners++;
                    if (sectionPid[s] > 0) {
                        processOwners++;
                    }
                    lastSection = s;
                }
                j++;
            }
            page++;
            pagePfn[page] = pfn;
            pageFirstOwner[page] = i;
            pageOwners[page] = (byte) Math.min(owners, 255);
            if (processOwners > 0) {
                double share = 1.0 / processOwners;
                for (int k = i; k < j; k++) {
                    int e = ownerEntry[k];
                    if (sectionPid[entrySection[e]] > 0) {
                        mappingPss[mappingOfEntry(e)] += share;
                    }
                }
            }
            i = j;
        }
        pageFirstOwner[pagePfn.length] = ownerEntry.length;
    }

    /** Temporary: the section of every entry (sections are contiguous runs of entries). */
    private int[] entrySections() {
        int[] section = new int[entryPfn.length];
        for (int s = 0; s < sectionPid.length; s++) {
            int from = mappingFirstEntry[sectionFirstMapping[s]];
            int to = mappingFirstEntry[sectionFirstMapping[s + 1]];
            Arrays.fill(section, from, to, s);
        }
        return section;
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
        return entryPfn.length;
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

    /** Index of {@code pfn} among the owned pages, or a negative number if nobody owns it. */
    public int pageIndex(int pfn) {
        return Arrays.binarySearch(pagePfn, pfn);
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
                + entryFlags.length + pageOwners.length;
    }

    public static Builder builder() {
        return new Builder();
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
        private final LongList entryWord = new LongList(1 << 16);
        private final IntList entryPfn = new IntList(1 << 16);
        private final ByteList entryFlags = new ByteList(1 << 16);
        private long ramEndHint;

        private Builder() {
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
            entryWord.add(word);
            entryPfn.add(pfn);
            entryFlags.add((byte) flags);
            return this;
        }

        public int entryCount() {
            return entryPfn.size();
        }

        public PageMappings build() {
            return new PageMappings(this);
        }
    }
}
