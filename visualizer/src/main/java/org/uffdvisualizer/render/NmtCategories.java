package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/**
 * The NMT category of every owned page, over all JVMs of a capture. Categories are numbered in
 * {@link NmtColours#TABLE} order (names not in it after those, by first appearance), and each
 * takes its colour from its name, so "Java Heap" has one colour for every JVM and every capture
 * whatever order the NMT files list their regions in.
 */
public final class NmtCategories {
    private final List<String> names;
    private final byte[] pageCategory;   // per owned page index: category + 1, 0 for none

    public NmtCategories(Capture capture) {
        PageMappings m = capture.mappings();
        names = ordered(capture);
        Map<String, Integer> index = new HashMap<>();
        for (String n : names) {
            index.put(n, index.size());
        }
        pageCategory = new byte[m.pageCount()];
        for (NmtUsage usage : capture.nmt()) {
            NmtMap map = usage.map();
            int[] global = new int[map.categoryCount()];
            for (int c = 0; c < global.length; c++) {
                global[c] = index.get(map.category(c));
            }
            if (usage.section() < 0 || map.reservedCount() == 0) {
                continue;
            }
            Integer[] order = new Integer[map.reservedCount()];
            for (int r = 0; r < order.length; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> Long.compare(map.reservedStart(a), map.reservedStart(b)));
            long[] starts = new long[order.length];
            for (int k = 0; k < order.length; k++) {
                starts[k] = map.reservedStart(order[k]);
            }
            int s = usage.section();
            int k = -1;
            for (int e = m.sectionFirstEntry(s), to = e + m.sectionEntryCount(s); e < to; e++) {
                long virt = m.entryWord(e);
                k = regionAtOrBefore(starts, virt, k);
                if (k >= 0 && virt < map.reservedEnd(order[k])) {
                    int c = global[map.reservedCategory(order[k])];
                    if (c < PageClass.NMT_MAX) {
                        pageCategory[m.pageIndex(m.entryPfn(e))] = (byte) (c + 1);
                    }
                }
            }
        }
    }

    /** Every category of the capture's NMT files: those of the table in its order, then the others as they come. */
    private static List<String> ordered(Capture capture) {
        Set<String> seen = new LinkedHashSet<>();
        for (NmtUsage usage : capture.nmt()) {
            for (int c = 0; c < usage.map().categoryCount(); c++) {
                seen.add(usage.map().category(c));
            }
        }
        List<String> out = new ArrayList<>();
        NmtColours.TABLE.keySet().stream().filter(seen::contains).forEach(out::add);
        seen.stream().filter(n -> !NmtColours.inTable(n)).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * The last region starting at or before {@code virt} (-1 if none), from the last answer
     * {@code k}: the walker lists a process's pages in address order, so the answer is mostly the
     * same region or the next one (a binary search for each of 26 M pages at 256 GiB was most
     * of this class's time); a step back takes the binary search.
     */
    private static int regionAtOrBefore(long[] starts, long virt, int k) {
        if (k >= 0 && virt < starts[k]) {
            int found = Arrays.binarySearch(starts, virt);
            return found >= 0 ? found : -found - 2;
        }
        while (k + 1 < starts.length && starts[k + 1] <= virt) {
            k++;
        }
        return k;
    }

    /** Category names, in colour order. */
    public List<String> names() {
        return names;
    }

    /** 0xRRGGBB of category {@code c} ({@link NmtColours#rgb} of its name). */
    public int rgb(int c) {
        return NmtColours.rgb(names.get(c));
    }

    /**
     * The undimmed colour of page class {@code pageClass} in {@code p}: the palette's for a fixed
     * class, the category's own for an NMT class of this capture (the palette's "mapped" colour
     * for an NMT class beyond its categories, which no page has).
     */
    public int classRgb(Palette p, int pageClass) {
        int c = pageClass - PageClass.NMT_FIRST;
        if (c < 0) {
            return p.rgb(pageClass);
        }
        return c < names.size() ? rgb(c) : p.rgb(PageClass.MAPPED);
    }

    /** The category of owned page {@code pageIndex}, or -1. */
    public int categoryOf(int pageIndex) {
        return pageCategory[pageIndex] - 1;
    }
}
