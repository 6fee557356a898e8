package org.uffdvisualizer.render;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/**
 * A set of owned physical pages to highlight: those of a process, a mapping, or an NMT category,
 * reserved region or committed region of one JVM. One bit per owned page, so selecting a JVM
 * with a million resident pages costs a 128 KiB array and one pass over its entries.
 */
public final class Selection {
    private static final Selection NONE = new Selection("nothing", new long[0], 0);

    private final String label;
    private final long[] bits;
    private final int pages;

    private Selection(String label, long[] bits, int pages) {
        this.label = label;
        this.bits = bits;
        this.pages = pages;
    }

    public static Selection none() {
        return NONE;
    }

    /** Pages of every entry of section {@code s} (a process, the kernel or the page cache). */
    public static Selection ofSection(Capture capture, int s) {
        PageMappings m = capture.mappings();
        String label = m.sectionPid(s) > 0 ? m.sectionPid(s) + " " + m.sectionExe(s) : m.sectionExe(s);
        return ofEntries(label, m, m.sectionFirstEntry(s), m.sectionFirstEntry(s) + m.sectionEntryCount(s));
    }

    /** Pages of mapping {@code mapping}. */
    public static Selection ofMapping(Capture capture, int mapping) {
        PageMappings m = capture.mappings();
        String name = m.mappingName(mapping).isEmpty() ? String.format("%#x", m.mappingStart(mapping))
                : m.mappingName(mapping);
        return ofEntries(name, m, m.mappingFirstEntry(mapping),
                m.mappingFirstEntry(mapping) + m.mappingEntryCount(mapping));
    }

    /** Pages of every mapping of section {@code s} named {@code name} (a library has several). */
    public static Selection ofMappingsNamed(Capture capture, int s, String name) {
        PageMappings m = capture.mappings();
        long[] bits = new long[(m.pageCount() + 63) >>> 6];
        for (int k = m.sectionFirstMapping(s); k < m.sectionFirstMapping(s) + m.sectionMappingCount(s); k++) {
            if (m.mappingName(k).equals(name)) {
                for (int e = m.mappingFirstEntry(k); e < m.mappingFirstEntry(k) + m.mappingEntryCount(k); e++) {
                    int i = m.pageIndex(m.entryPfn(e));
                    bits[i >>> 6] |= 1L << i;
                }
            }
        }
        return new Selection(name, bits, count(bits));
    }

    private static Selection ofEntries(String label, PageMappings m, int from, int to) {
        return new Selection(label, markPages(m, from, to, null), 0).counted();
    }

    /**
     * One bit per owned page that entries {@code [from, to)} (those passing {@code filter}, if
     * any) map. A few entries look their page up by binary search; many (a big process) are
     * found in one pass over the owner index instead, which costs the same whatever their
     * number: 4 M entries by binary search take over a second, the pass some tens of ms.
     */
    private static long[] markPages(PageMappings m, int from, int to, IntPredicate filter) {
        long[] bits = new long[(m.pageCount() + 63) >>> 6];
        int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, m.pageCount()));
        if ((long) (to - from) * log2 < m.entryCount()) {
            for (int e = from; e < to; e++) {
                if (filter == null || filter.test(e)) {
                    int i = m.pageIndex(m.entryPfn(e));
                    bits[i >>> 6] |= 1L << i;
                }
            }
            return bits;
        }
        for (int i = 0, pages = m.pageCount(); i < pages; i++) {
            for (int k = m.pageFirstOwner(i), end = m.pageOwnerEnd(i); k < end; k++) {
                int e = m.ownerEntry(k);
                if (e >= from && e < to && (filter == null || filter.test(e))) {
                    bits[i >>> 6] |= 1L << i;
                    break;
                }
            }
        }
        return bits;
    }

    /** Pages of a JVM that lie in any reserved region of NMT category {@code category}. */
    public static Selection ofNmtCategory(Capture capture, NmtUsage usage, int category) {
        NmtMap map = usage.map();
        int n = 0;
        long[] ranges = new long[map.reservedCount() * 2];
        for (int r = 0; r < map.reservedCount(); r++) {
            if (map.reservedCategory(r) == category) {
                ranges[n++] = map.reservedStart(r);
                ranges[n++] = map.reservedEnd(r);
            }
        }
        return ofVirtualRanges(map.category(category) + " of " + map.pid(), capture, usage, Arrays.copyOf(ranges, n));
    }

    /** Pages of one NMT reserved region. */
    public static Selection ofNmtReserved(Capture capture, NmtUsage usage, int region) {
        NmtMap map = usage.map();
        return ofVirtualRanges(map.category(map.reservedCategory(region)) + String.format(" %#x",
                map.reservedStart(region)), capture, usage,
                new long[] {map.reservedStart(region), map.reservedEnd(region)});
    }

    /** Pages of one NMT committed sub-region. */
    public static Selection ofNmtCommitted(Capture capture, NmtUsage usage, int committed) {
        NmtMap map = usage.map();
        return ofVirtualRanges(String.format("committed %#x", map.committedStart(committed)), capture, usage,
                new long[] {map.committedStart(committed), map.committedEnd(committed)});
    }

    /** Pages whose virtual address in the JVM's section falls in one of {@code [start, end)} pairs. */
    private static Selection ofVirtualRanges(String label, Capture capture, NmtUsage usage, long[] pairs) {
        PageMappings m = capture.mappings();
        long[] bits = new long[(m.pageCount() + 63) >>> 6];
        int s = usage.section();
        if (s >= 0 && pairs.length > 0) {
            long[] starts = new long[pairs.length / 2];
            long[] ends = new long[pairs.length / 2];
            Integer[] order = new Integer[starts.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(pairs[2 * a], pairs[2 * b]));
            for (int i = 0; i < order.length; i++) {
                starts[i] = pairs[2 * order[i]];
                ends[i] = pairs[2 * order[i] + 1];
            }
            int from = m.sectionFirstEntry(s);
            bits = markPages(m, from, from + m.sectionEntryCount(s), e -> {
                long virt = m.entryWord(e);
                int k = Arrays.binarySearch(starts, virt);
                k = k >= 0 ? k : -k - 2;
                return k >= 0 && virt < ends[k];
            });
        }
        return new Selection(label, bits, 0).counted();
    }

    /** This selection with its page count filled in. */
    private Selection counted() {
        return new Selection(label, bits, count(bits));
    }

    private static int count(long[] bits) {
        int n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** Calls {@code action} with every selected page index, ascending. */
    public void forEachPage(java.util.function.IntConsumer action) {
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                action.accept((w << 6) + Long.numberOfTrailingZeros(word));
                word &= word - 1;
            }
        }
    }

    /** Whether owned page {@code pageIndex} is selected. */
    public boolean contains(int pageIndex) {
        int w = pageIndex >>> 6;
        return w < bits.length && (bits[w] & (1L << pageIndex)) != 0;
    }

    /** Number of distinct physical pages selected. */
    public int pageCount() {
        return pages;
    }

    public boolean isEmpty() {
        return pages == 0;
    }

    /** What is selected, for the status line. */
    public String label() {
        return label;
    }
}
