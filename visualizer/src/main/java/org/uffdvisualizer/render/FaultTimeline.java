package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.FaultTimes;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;

/**
 * The restore over time for the timeline chart: faults per interval, split by the owner class of
 * each fault's first page (kernel, page cache, each NMT category, other processes, nobody), and
 * the megabytes served so far. Intervals are of fault index, or of log time when the log has
 * times. Computed once per capture in one pass over the faults.
 */
public final class FaultTimeline {
    /** Intervals the restore is cut into. */
    public static final int BINS = 200;

    private final FaultTrace trace;
    private final FaultTimes times;
    private final boolean byTime;
    private final double start;
    private final double width;
    private final List<String> classes = new ArrayList<>();
    private final List<Byte> pageClasses = new ArrayList<>();
    private final int[][] counts;
    private final double[] cumulativeMib = new double[BINS];

    public FaultTimeline(PageGrid grid) {
        trace = grid.capture().trace();
        int n = trace.faultCount();
        times = FaultTimes.of(trace);
        byTime = times.spanNanos() > 0;
        start = n == 0 ? 0 : x(0);
        width = Math.max(n == 0 ? 1 : x(n - 1) - start, 1e-9) / BINS;
        List<String> nmt = grid.nmtCategories().names();
        classes.add("Kernel");
        pageClasses.add(PageClass.KERNEL);
        classes.add("Page cache");
        pageClasses.add(PageClass.PAGECACHE);
        for (int c = 0; c < nmt.size() && c < PageClass.NMT_MAX; c++) {
            classes.add("NMT " + nmt.get(c));
            pageClasses.add((byte) (PageClass.NMT_FIRST + c));
        }
        classes.add("Other processes");
        pageClasses.add(PageClass.LOADED);
        classes.add("Nobody");
        pageClasses.add(PageClass.FAULTED_UNOWNED);
        counts = new int[classes.size()][BINS];
        long bytes = 0;
        PageMappings m = grid.capture().mappings();
        for (int i = 0; i < n; i++) {
            int bin = binOf(x(i));
            counts[classOf(grid, m, i, nmt.size())][bin]++;
            bytes += (long) trace.pages(i) * PhysicalLayout.PAGE_SIZE;
            cumulativeMib[bin] = bytes / (1024.0 * 1024);
        }
        for (int b = 1; b < BINS; b++) {
            cumulativeMib[b] = Math.max(cumulativeMib[b], cumulativeMib[b - 1]);
        }
    }

    private int classOf(PageGrid grid, PageMappings m, int i, int nmtCount) {
        long pfn = trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
        int page = pfn > Integer.MAX_VALUE ? -1 : m.pageIndex((int) pfn);
        if (page < 0) {
            return classes.size() - 1;
        }
        boolean kernel = false;
        boolean process = false;
        for (int k = m.pageFirstOwner(page); k < m.pageOwnerEnd(page); k++) {
            SectionKind kind = m.sectionKind(m.sectionOfEntry(m.ownerEntry(k)));
            process |= kind == SectionKind.PROCESS;
            kernel |= kind == SectionKind.KERNEL;
        }
        if (process) {
            int c = grid.nmtCategories().categoryOf(page);
            return c >= 0 && c < nmtCount && c < PageClass.NMT_MAX ? 2 + c : classes.size() - 2;
        }
        return kernel ? 0 : 1;
    }

    /** Where fault {@code i} lies on the x axis: its index, or its time in ms after the trace's first fault. */
    public double x(int i) {
        return byTime ? times.msAfterFirst(i) : i;
    }

    private int binOf(double x) {
        return Math.max(0, Math.min(BINS - 1, (int) ((x - start) / width)));
    }

    public boolean byTime() {
        return byTime;
    }

    /** Start of interval {@code b} on the x axis. */
    public double binStart(int b) {
        return start + b * width;
    }

    public List<String> classes() {
        return classes;
    }

    /** The {@link PageClass} whose colour owner class {@code c} takes. */
    public byte pageClass(int c) {
        return pageClasses.get(c);
    }

    /** Faults of owner class {@code c} in interval {@code b}. */
    public int count(int c, int b) {
        return counts[c][b];
    }

    /** MiB served by the end of interval {@code b}. */
    public double cumulativeMib(int b) {
        return cumulativeMib[b];
    }

    /** The x of a replay position ({@code cursor} faults applied): its last fault's, or the start. */
    public double xOfCursor(int cursor) {
        return cursor <= 0 ? start : x(Math.min(cursor, trace.faultCount()) - 1);
    }

    /** The replay position a click at {@code x} asks for: every fault at or before {@code x} applied. */
    public int cursorAt(double x) {
        int lo = 0;
        int hi = trace.faultCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (x(mid) <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
