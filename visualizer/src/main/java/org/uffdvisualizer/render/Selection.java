package org.uffdvisualizer.render;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * A set of owned physical pages to highlight: those of a process, a mapping, or an NMT category,
 * reserved region or committed region of one JVM. One bit per physical frame up to the highest
 * owned one (8 MiB for a 256 GiB guest), set from the entries' frames directly: marking a page is
 * then one write near the last one (frames come in runs), where a bit per owned page would also
 * need the frame's page index first, a dependent lookup that tripled the cost for 4 M pages. The
 * grid and its overview walk the selection in frame order, which is also the order of everything
 * they update.
 */
public final class Selection {
    private static final Selection NONE = new Selection("nothing", new long[0], 0);

    private final String label;
    private final long[] frames;
    private final int pages;

    private Selection(String label, long[] frames, int pages) {
        this.label = label;
        this.frames = frames;
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
        long[] bits = frameBits(m);
        for (int k = m.sectionFirstMapping(s); k < m.sectionFirstMapping(s) + m.sectionMappingCount(s); k++) {
            if (m.mappingName(k).equals(name)) {
                mark(bits, m, m.mappingFirstEntry(k), m.mappingFirstEntry(k) + m.mappingEntryCount(k), null);
            }
        }
        return new Selection(name, bits, count(bits));
    }

    /** The pages of any of {@code parts} (selections of one capture) under another label. */
    public static Selection union(String label, java.util.List<Selection> parts) {
        int words = 0;
        for (Selection p : parts) {
            words = Math.max(words, p.frames.length);
        }
        long[] bits = new long[words];
        for (Selection p : parts) {
            for (int w = 0; w < p.frames.length; w++) {
                bits[w] |= p.frames[w];
            }
        }
        return new Selection(label, bits, count(bits));
    }

    private static Selection ofEntries(String label, PageMappings m, int from, int to) {
        long[] bits = frameBits(m);
        mark(bits, m, from, to, null);
        return new Selection(label, bits, count(bits));
    }

    /** An empty bit array with room for every owned frame of {@code m}. */
    private static long[] frameBits(PageMappings m) {
        long frames = m.highestPageEnd() / PhysicalLayout.PAGE_SIZE;
        return new long[(int) ((frames + 63) >>> 6)];
    }

    /**
     * Sets the bits of the frames that entries {@code [from, to)} (those passing {@code filter},
     * if any) map: one pass over those entries, which lie together in the model, so the cost
     * follows the selection, not the guest.
     */
    private static void mark(long[] bits, PageMappings m, int from, int to, IntPredicate filter) {
        for (int e = from; e < to; e++) {
            if (filter == null || filter.test(e)) {
                int pfn = m.entryPfn(e);
                bits[pfn >>> 6] |= 1L << pfn;
            }
        }
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
        long[] bits = frameBits(m);
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
            mark(bits, m, from, from + m.sectionEntryCount(s), e -> {
                long virt = m.entryWord(e);
                int k = Arrays.binarySearch(starts, virt);
                k = k >= 0 ? k : -k - 2;
                return k >= 0 && virt < ends[k];
            });
        }
        return new Selection(label, bits, count(bits));
    }

    private static int count(long[] bits) {
        int n = 0;
        for (long w : bits) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /**
     * The first selected frame at or after {@code from}, or -1 if there is none: selected frames
     * ascending are {@code for (f = nextFrame(0); f >= 0; f = nextFrame(f + 1))}.
     */
    public int nextFrame(int from) {
        int w = from >>> 6;
        if (from < 0 || w >= frames.length) {
            return -1;            // negative: the frame after Integer.MAX_VALUE, so none
        }
        long word = frames[w] & (-1L << from);
        while (word == 0) {
            if (++w == frames.length) {
                return -1;
            }
            word = frames[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(word);
    }

    /**
     * The selection itself, bit {@code f & 63} of word {@code f >>> 6} for frame {@code f}, for
     * the grid and overview to compare two selections a word at a time. Not a copy: read only.
     */
    long[] frameWords() {
        return frames;
    }

    /** Whether physical frame {@code pfn} is selected. */
    public boolean containsFrame(int pfn) {
        int w = pfn >>> 6;
        return w < frames.length && (frames[w] & (1L << pfn)) != 0;
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
