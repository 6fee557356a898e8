package org.uffdvisualizer.prefetch;

import java.util.Arrays;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * One restore trace reduced to what the prefetch simulator needs, in primitive arrays: its
 * demand faults (the first touch of each page, in order) as 4 KiB memory-file page numbers, how
 * many 4 KiB pages each served (512 for a 2 MiB huge page), whether the handler zero-filled it,
 * its time (when the trace has times), and the memory-file pages {@code UFFD_EVENT_REMOVE} gave
 * back. Lines of a handler's own prefetch (kind {@link FaultTrace#PREFETCHED}) are not demand
 * faults and are left out; a page faulted again after a REMOVE is a zero-fill no prefetch can
 * avoid, and only its first touch counts. Immutable; any thread.
 */
public final class RestoreRun {
    private final String name;
    private final FaultTrace trace;
    private final int[] page;
    private final int[] span;
    private final byte[] zero;
    private final long[] nanos;
    private final long[] removed;
    private final long[] touched;
    private final int pageLimit;
    private final int filePages;
    private final int touchedPages;

    private RestoreRun(String name, FaultTrace trace, int[] page, int[] span, byte[] zero, long[] nanos,
            long[] removed, int filePages) {
        this.name = name;
        this.trace = trace;
        this.page = page;
        this.span = span;
        this.zero = zero;
        this.nanos = nanos;
        this.removed = removed;
        this.filePages = filePages;
        this.pageLimit = (int) Math.min(Integer.MAX_VALUE - 1024L, (long) filePages + Simulator.BLOCK_PAGES);
        this.touched = PageBits.create(pageLimit);
        int n = 0;
        for (int i = 0; i < page.length; i++) {
            n += PageBits.setRange(touched, page[i], page[i] + span[i]);
        }
        this.touchedPages = n;
    }

    /** The demand faults of {@code trace}; {@code name} says which file it came from in every report. */
    public static RestoreRun of(String name, FaultTrace trace) {
        int filePages = filePagesOf(trace);
        long[] seen = PageBits.create(filePages + Simulator.BLOCK_PAGES);
        int count = trace.faultCount();
        int[] page = new int[count];
        int[] span = new int[count];
        byte[] zero = new byte[count];
        long[] times = trace.hasTimestamps() ? new long[count] : null;
        int n = 0;
        for (int i = 0; i < count; i++) {
            int p = (int) (trace.fileOffset(i) >>> PhysicalLayout.PAGE_SHIFT);
            if (trace.isPrefetched(i) || PageBits.get(seen, p)) {
                continue;
            }
            PageBits.setRange(seen, p, p + trace.pages(i));
            page[n] = p;
            span[n] = trace.pages(i);
            zero[n] = (byte) (trace.isZeroed(i) ? 1 : 0);
            if (times != null) {
                times[n] = trace.nanos(i);
            }
            n++;
        }
        if (times != null) {
            times = Arrays.copyOf(times, n);
            long first = n > 0 ? times[0] : 0;
            for (int i = 0; i < n; i++) {
                times[i] = Math.max(0, times[i] - first);
            }
        }
        return new RestoreRun(name, trace, Arrays.copyOf(page, n), Arrays.copyOf(span, n), Arrays.copyOf(zero, n), times,
                removedPages(trace), filePages);
    }

    /** One past the highest memory-file page any fault or the file's stated size reaches. */
    private static int filePagesOf(FaultTrace trace) {
        long end = Math.max(0, trace.memoryFileSize());
        for (int i = 0; i < trace.faultCount(); i++) {
            end = Math.max(end, trace.fileOffset(i) + (long) trace.pages(i) * PhysicalLayout.PAGE_SIZE);
        }
        long pages = (end + PhysicalLayout.PAGE_SIZE - 1) >>> PhysicalLayout.PAGE_SHIFT;
        return (int) Math.min(Integer.MAX_VALUE - 2048L, pages);
    }

    /**
     * The REMOVE events' ranges as memory-file pages, {@code (start << 32 | end)} sorted: whole pages
     * only (a partial page keeps its data), through the handshake's regions when the log has them,
     * otherwise anchored on the first fault as the handler's own log lines are.
     */
    private static long[] removedPages(FaultTrace trace) {
        long[] ranges = new long[trace.removeCount()];
        int n = 0;
        for (int r = 0; r < trace.removeCount(); r++) {
            long start = hostToOffset(trace, trace.removeStart(r));
            long end = hostToOffset(trace, trace.removeEnd(r) - 1);
            if (start < 0 || end < 0) {
                continue;
            }
            long first = (start + PhysicalLayout.PAGE_SIZE - 1) >>> PhysicalLayout.PAGE_SHIFT;
            long last = (end + 1) >>> PhysicalLayout.PAGE_SHIFT;
            if (first < last) {
                ranges[n++] = first << 32 | last;
            }
        }
        long[] sorted = Arrays.copyOf(ranges, n);
        Arrays.sort(sorted);
        return sorted;
    }

    private static long hostToOffset(FaultTrace trace, long host) {
        for (int r = 0; r < trace.regionCount(); r++) {
            if (host >= trace.regionHost(r) && host - trace.regionHost(r) < trace.regionSize(r)) {
                return trace.regionOffset(r) + (host - trace.regionHost(r));
            }
        }
        if (trace.regionCount() == 0 && trace.faultCount() > 0) {
            long offset = host - trace.hostPage(0) + trace.fileOffset(0);
            return offset >= 0 ? offset : -1;
        }
        return -1;
    }

    public String name() {
        return name;
    }

    /** Demand faults (first touches) of the restore. */
    public int faults() {
        return page.length;
    }

    public int page(int i) {
        return page[i];
    }

    public int span(int i) {
        return span[i];
    }

    public boolean isZero(int i) {
        return zero[i] != 0;
    }

    public boolean hasTimes() {
        return nanos != null;
    }

    /** Nanoseconds since the first demand fault, or -1 without times. */
    public long nanos(int i) {
        return nanos == null ? -1 : nanos[i];
    }

    /** One past the highest memory-file page the simulator may fetch for this run. */
    public int filePages() {
        return filePages;
    }

    /** Size of page bit sets that hold any page of this run and a 2 MiB block beyond. */
    int pageLimit() {
        return pageLimit;
    }

    long[] touchedBits() {
        return touched;
    }

    /** Whether the restore touched {@code page}. */
    public boolean touched(int p) {
        return PageBits.get(touched, p);
    }

    /** Distinct 4 KiB pages the restore touched. */
    public int touchedPages() {
        return touchedPages;
    }

    /** Whether a REMOVE of this restore gave {@code page} back. */
    public boolean removed(int p) {
        int lo = 0;
        int hi = removed.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long r = removed[mid];
            if (p < (int) (r >>> 32)) {
                hi = mid - 1;
            } else if (p >= (int) r) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** REMOVE ranges, as memory-file pages, that this restore gave back. */
    public int removedRanges() {
        return removed.length;
    }

    /** Guest-physical frame of a memory-file page: what a selection of the capture is made of. */
    public long frameOf(int p) {
        return trace.offsetToPhysical((long) p << PhysicalLayout.PAGE_SHIFT) >>> PhysicalLayout.PAGE_SHIFT;
    }
}
