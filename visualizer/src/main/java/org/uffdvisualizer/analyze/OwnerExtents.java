package org.uffdvisualizer.analyze;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * Per owner of faulted pages, in which order and how scattered they came back: every mapping of
 * the dump (process, kernel, page cache) and every NMT category of every JVM that has a served
 * page. An owner's pages are the distinct frames its entries map that some fault served (and that
 * pass a filter); their first and last fault are the earliest and latest of the faults that
 * first served one of them; their extents are the maximal runs of consecutive pages they form
 * sorted by virtual address (distinct virtual pages) and sorted by guest-physical frame.
 */
public final class OwnerExtents {
    private final List<Owner> owners;

    /** One owner's figures; {@code kind} is "mapping" or "nmt", {@code name} the mapping or category. */
    public record Owner(String kind, int pid, String process, String name, int firstFault, int lastFault, int pages,
                        int virtualExtents, int physicalExtents) {
    }

    private OwnerExtents(Capture capture, IntPredicate frameFilter) {
        List<Owner> list = new ArrayList<>();
        Collector c = new Collector(capture.trace(), frameFilter);
        PageMappings m = capture.mappings();
        for (int k = 0; k < m.mappingCount(); k++) {
            c.clear();
            for (int e = m.mappingFirstEntry(k), to = e + m.mappingEntryCount(k); e < to; e++) {
                c.add(m.entryWord(e), m.entryPfn(e));
            }
            int s = m.sectionOfEntry(m.mappingFirstEntry(k));
            String name = m.mappingName(k).isEmpty() ? String.format("%#x", m.mappingStart(k)) : m.mappingName(k);
            c.owner("mapping", m.sectionPid(s), m.sectionExe(s), name).ifPresent(list::add);
        }
        for (NmtUsage usage : capture.nmt()) {
            int s = usage.section();
            NmtMap map = usage.map();
            if (s < 0) {
                continue;
            }
            long[][] ranges = reservedByStart(map);
            for (int cat = 0; cat < map.categoryCount(); cat++) {
                c.clear();
                for (int e = m.sectionFirstEntry(s), to = e + m.sectionEntryCount(s); e < to; e++) {
                    if (categoryOf(ranges, m.entryWord(e)) == cat) {
                        c.add(m.entryWord(e), m.entryPfn(e));
                    }
                }
                c.owner("nmt", map.pid(), m.sectionExe(s), map.category(cat)).ifPresent(list::add);
            }
        }
        owners = Collections.unmodifiableList(list);
    }

    /** Owners of pages the trace served (by a fault or a prefetch). */
    public static OwnerExtents of(Capture capture) {
        return new OwnerExtents(capture, pfn -> true);
    }

    /** Owners of served pages that pass {@code frameFilter}, counting those pages only. */
    public static OwnerExtents of(Capture capture, IntPredicate frameFilter) {
        return new OwnerExtents(capture, frameFilter);
    }

    /** Owners in dump order (mappings), then NMT categories per JVM. */
    public List<Owner> owners() {
        return owners;
    }

    /** {starts, ends, categories} of the reserved regions, sorted by start. */
    private static long[][] reservedByStart(NmtMap map) {
        int n = map.reservedCount();
        Integer[] order = new Integer[n];
        for (int r = 0; r < n; r++) {
            order[r] = r;
        }
        Arrays.sort(order, (a, b) -> Long.compare(map.reservedStart(a), map.reservedStart(b)));
        long[][] t = new long[3][n];
        for (int i = 0; i < n; i++) {
            int r = order[i];
            t[0][i] = map.reservedStart(r);
            t[1][i] = map.reservedEnd(r);
            t[2][i] = map.reservedCategory(r);
        }
        return t;
    }

    private static int categoryOf(long[][] ranges, long virtual) {
        int k = Arrays.binarySearch(ranges[0], virtual);
        k = k >= 0 ? k : -k - 2;
        return k >= 0 && virtual < ranges[1][k] ? (int) ranges[2][k] : -1;
    }

    /** The served pages of one owner, in reused arrays (no object per page). */
    private static final class Collector {
        private final FaultTrace trace;
        private final IntPredicate frameFilter;
        private long[] virtualPages = new long[1024];
        private long[] frames = new long[1024];
        private int n;
        private int first;
        private int last;

        Collector(FaultTrace trace, IntPredicate frameFilter) {
            this.trace = trace;
            this.frameFilter = frameFilter;
        }

        void clear() {
            n = 0;
            first = Integer.MAX_VALUE;
            last = -1;
        }

        void add(long virtual, int pfn) {
            if (!frameFilter.test(pfn)) {
                return;
            }
            int fault = trace.firstFaultOf(pfn);
            if (fault < 0) {
                return;
            }
            if (n == frames.length) {
                frames = Arrays.copyOf(frames, n * 2);
                virtualPages = Arrays.copyOf(virtualPages, n * 2);
            }
            virtualPages[n] = virtual >>> PhysicalLayout.PAGE_SHIFT;
            frames[n++] = pfn;
            first = Math.min(first, fault);
            last = Math.max(last, fault);
        }

        Optional<Owner> owner(String kind, int pid, String process, String name) {
            if (n == 0) {
                return Optional.empty();
            }
            int[] physical = extents(frames, n);
            int[] virtual = extents(virtualPages, n);
            return Optional.of(new Owner(kind, pid, process, name, first, last, physical[0], virtual[1],
                    physical[1]));
        }

        /** Sorts the first {@code n} values; returns {distinct values, maximal runs of consecutive ones}. */
        private static int[] extents(long[] values, int n) {
            Arrays.sort(values, 0, n);
            int distinct = 0;
            int runs = 0;
            for (int k = 0; k < n; k++) {
                if (k > 0 && values[k] == values[k - 1]) {
                    continue;
                }
                distinct++;
                if (k == 0 || values[k] != values[k - 1] + 1) {
                    runs++;
                }
            }
            return new int[] {distinct, runs};
        }
    }
}
