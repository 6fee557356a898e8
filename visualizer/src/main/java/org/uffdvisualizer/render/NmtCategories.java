package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/**
 * The NMT category of every owned page, over all JVMs of a capture: categories are numbered by
 * first appearance across the NMT files, so "Java Heap" has one colour for every JVM.
 */
public final class NmtCategories {
    private final List<String> names;
    private final byte[] pageCategory;   // per owned page index: category + 1, 0 for none

    public NmtCategories(Capture capture) {
        PageMappings m = capture.mappings();
        Map<String, Integer> index = new LinkedHashMap<>();
        pageCategory = new byte[m.pageCount()];
        for (NmtUsage usage : capture.nmt()) {
            NmtMap map = usage.map();
            int[] global = new int[map.categoryCount()];
            for (int c = 0; c < global.length; c++) {
                global[c] = index.computeIfAbsent(map.category(c), k -> index.size());
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
        names = List.copyOf(new ArrayList<>(index.keySet()));
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

    /** The category of owned page {@code pageIndex}, or -1. */
    public int categoryOf(int pageIndex) {
        return pageCategory[pageIndex] - 1;
    }
}
