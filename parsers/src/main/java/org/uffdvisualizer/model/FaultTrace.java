package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * The faults a uffd handler served while a guest was restored, in the order served, and the
 * ranges the guest gave back ({@code UFFD_EVENT_REMOVE}). Immutable once built.
 *
 * <p>Per fault {@code i}: {@code kind[i]} ({@link #WRITE}, {@link #ZEROED}, {@link #PREFETCHED}
 * bits), the faulting page's host address, the memory-file offset served, the number of 4 KiB
 * pages served (1, or 512 for a 2 MiB huge page), the guest-physical address the offset
 * translates to, the log line, and where the log has them, the thread id and a timestamp.
 * Per remove {@code r}: host range and {@code removeBefore[r]}, the number of faults served before it.
 * {@link #faultedPfn(int)} lists every 4 KiB frame served at least once, ascending, with the
 * first fault that served it.
 */
public final class FaultTrace {
    /** Kind bit: a write fault (otherwise a read). */
    public static final int WRITE = 1;
    /** Kind bit: zero-filled (UFFDIO_ZEROPAGE) instead of copied from the memory file. */
    public static final int ZEROED = 2;
    /** Kind bit: copied in ahead of demand by a prefetch, not by a fault. */
    public static final int PREFETCHED = 4;

    private static final FaultTrace EMPTY = builder().build(MemoryLayout.X86_64);

    private final int count;
    private final byte[] kind;
    private final long[] hostPage;
    private final long[] fileOffset;
    private final int[] pages;
    private final long[] physical;
    private final int[] line;
    private final int[] thread;
    private final long[] nanos;
    private final long[] removeStart;
    private final long[] removeEnd;
    private final int[] removeBefore;
    private final int[] removeLine;
    private final long[] regionHost;
    private final long[] regionSize;
    private final long[] regionOffset;
    private final long[] regionPhysical;
    private final long memoryFileSize;
    private final String orderNote;
    private final int[] faultedPfn;
    private final int[] firstFault;
    private final MemoryLayout layout;

    private FaultTrace(Builder b, MemoryLayout layout) {
        this.layout = layout;
        // The per-fault arrays are the builder's own when they are nearly full (no copies of what
        // can be millions of faults); count says how many are used.
        count = b.kind.size();
        kind = b.kind.toArrayOrBacking();
        hostPage = b.hostPage.toArrayOrBacking();
        fileOffset = b.fileOffset.toArrayOrBacking();
        pages = b.pages.toArrayOrBacking();
        line = b.line.toArrayOrBacking();
        thread = b.hasThread ? b.thread.toArrayOrBacking() : null;
        nanos = b.hasNanos ? b.nanos.toArrayOrBacking() : null;
        removeStart = b.removeStart.toArray();
        removeEnd = b.removeEnd.toArray();
        removeBefore = b.removeBefore.toArray();
        removeLine = b.removeLine.toArray();
        regionHost = b.regionHost.toArray();
        regionSize = b.regionSize.toArray();
        regionOffset = b.regionOffset.toArray();
        memoryFileSize = b.memoryFileSize;
        orderNote = b.orderNote;
        regionPhysical = new long[regionHost.length];
        long previousEnd = 0;
        for (int r = 0; r < regionHost.length; r++) {
            regionPhysical[r] = layout.regionBase(r, previousEnd);
            previousEnd = regionPhysical[r] + regionSize[r];
        }
        // Translated in the builder's array: the builder is done with it, and a copy would be
        // heap touched for nothing.
        long[] translated = b.physical.toArrayOrBacking();
        for (int i = 0; i < count; i++) {
            if (translated[i] < 0) {
                translated[i] = offsetToPhysical(fileOffset[i]);
            }
        }
        physical = translated;
        long[] keys = servedFrames();
        int distinct = sortUnique(keys);
        faultedPfn = new int[distinct];
        firstFault = new int[distinct];
        for (int k = 0; k < distinct; k++) {
            faultedPfn[k] = (int) (keys[k] >>> 32);
            firstFault[k] = (int) keys[k];
        }
    }

    /**
     * Every page served inside the largest supported guest, in fault order, as (pfn << 32 | fault).
     * The parser keeps each fault to at most {@link GuestLimits#MAX_FAULT_BYTES}.
     */
    private long[] servedFrames() {
        long total = 0;
        for (int i = 0; i < count; i++) {
            long pfn0 = physical[i] >>> PhysicalLayout.PAGE_SHIFT;
            total += Math.max(0, Math.min(pages[i], GuestLimits.MAX_FRAMES - pfn0));
        }
        long[] keys = new long[(int) Math.min(total, Integer.MAX_VALUE - 16)];
        int n = 0;
        for (int i = 0; i < count; i++) {
            long pfn0 = physical[i] >>> PhysicalLayout.PAGE_SHIFT;
            for (int k = 0; k < pages[i] && n < keys.length; k++) {
                long pfn = pfn0 + k;
                if (pfn < GuestLimits.MAX_FRAMES) {
                    keys[n++] = (pfn << 32) | i;
                }
            }
        }
        return keys;
    }

    /**
     * Sorts {@code keys} and keeps the first of each pfn at the front, in place (no trimmed copy:
     * the caller reads what it needs); returns how many are kept.
     */
    private static int sortUnique(long[] keys) {
        Arrays.parallelSort(keys);
        int distinct = 0;
        for (int k = 0; k < keys.length; k++) {
            if (distinct == 0 || (keys[k] >>> 32) != (keys[distinct - 1] >>> 32)) {
                keys[distinct++] = keys[k];
            }
        }
        return distinct;
    }

    /** Guest-physical address of a memory-file offset: through the handshake's regions when known. */
    public long offsetToPhysical(long offset) {
        for (int r = 0; r < regionOffset.length; r++) {
            if (offset >= regionOffset[r] && offset - regionOffset[r] < regionSize[r]) {
                return regionPhysical[r] + (offset - regionOffset[r]);
            }
        }
        return layout.offsetToPhysical(offset);
    }

    /**
     * Guest-physical address of a host address inside guest memory, using the regions when the
     * log has them, otherwise the first fault as the anchor; -1 if it cannot be told.
     */
    public long hostToPhysical(long host) {
        for (int r = 0; r < regionHost.length; r++) {
            if (host >= regionHost[r] && host - regionHost[r] < regionSize[r]) {
                return regionPhysical[r] + (host - regionHost[r]);
            }
        }
        if (regionHost.length == 0 && count > 0) {
            return offsetToPhysical(host - hostPage[0] + fileOffset[0]);
        }
        return -1;
    }

    public static FaultTrace empty() {
        return EMPTY;
    }

    public MemoryLayout layout() {
        return layout;
    }

    /** Number of page faults (and prefetches) served. */
    public int faultCount() {
        return count;
    }

    public int kind(int i) {
        return kind[i];
    }

    public boolean isWrite(int i) {
        return (kind[i] & WRITE) != 0;
    }

    public boolean isZeroed(int i) {
        return (kind[i] & ZEROED) != 0;
    }

    public boolean isPrefetched(int i) {
        return (kind[i] & PREFETCHED) != 0;
    }

    public long hostPage(int i) {
        return hostPage[i];
    }

    public long fileOffset(int i) {
        return fileOffset[i];
    }

    /** 4 KiB pages served by fault {@code i}. */
    public int pages(int i) {
        return pages[i];
    }

    public long physical(int i) {
        return physical[i];
    }

    /** Line of the log the fault came from. */
    public int line(int i) {
        return line[i];
    }

    public boolean hasThreads() {
        return thread != null;
    }

    /** The faulting thread, or 0 when the log has none. */
    public int thread(int i) {
        return thread == null ? 0 : thread[i];
    }

    public boolean hasTimestamps() {
        return nanos != null;
    }

    /** Nanoseconds since the handler connected, or -1 when the log has no times. */
    public long nanos(int i) {
        return nanos == null ? -1 : nanos[i];
    }

    public int removeCount() {
        return removeStart.length;
    }

    public long removeStart(int r) {
        return removeStart[r];
    }

    public long removeEnd(int r) {
        return removeEnd[r];
    }

    /** Number of faults served before remove {@code r}. */
    public int removeBefore(int r) {
        return removeBefore[r];
    }

    public int removeLine(int r) {
        return removeLine[r];
    }

    /** Memory regions of the handshake, as the log's region lines gave them (may be none). */
    public int regionCount() {
        return regionHost.length;
    }

    public long regionHost(int r) {
        return regionHost[r];
    }

    public long regionSize(int r) {
        return regionSize[r];
    }

    public long regionOffset(int r) {
        return regionOffset[r];
    }

    public long regionPhysical(int r) {
        return regionPhysical[r];
    }

    /** Size of the memory file as the log's header states it, or -1. */
    public long memoryFileSize() {
        return memoryFileSize;
    }

    /**
     * What the log says of where its order came from (its {@code # restore order: ...} line), or
     * null when it says nothing. Logs whose order was composed rather than recorded from a real
     * restore say so there ("composed ..."), and every view of them repeats it.
     */
    public String orderNote() {
        return orderNote;
    }

    /** Whether the log says its order was composed, not recorded from a real restore. */
    public boolean isComposedOrder() {
        return orderNote != null && orderNote.startsWith("composed");
    }

    /** Number of distinct 4 KiB frames served at least once. */
    public int uniquePageCount() {
        return faultedPfn.length;
    }

    public int faultedPfn(int k) {
        return faultedPfn[k];
    }

    /** The first fault that served frame {@code faultedPfn(k)}. */
    public int firstFault(int k) {
        return firstFault[k];
    }

    /** The first fault that served {@code pfn}, or -1 if none did. */
    public int firstFaultOf(int pfn) {
        int k = Arrays.binarySearch(faultedPfn, pfn);
        return k < 0 ? -1 : firstFault[k];
    }

    /** Highest guest-physical address served, plus one; 0 for an empty trace. */
    public long highestPhysicalEnd() {
        long max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, physical[i] + (long) pages[i] * PhysicalLayout.PAGE_SIZE);
        }
        return max;
    }

    public long heapBytes() {
        return kind.length + 4L * (pages.length + line.length + (thread == null ? 0 : thread.length)
                + faultedPfn.length + firstFault.length)
                + 8L * (hostPage.length + fileOffset.length + physical.length + (nanos == null ? 0 : nanos.length));
    }

    public static Builder builder() {
        return new Builder(1024);
    }

    /** A builder with room for {@code expectedFaults} faults before its arrays grow. */
    public static Builder builder(int expectedFaults) {
        return new Builder(Math.max(16, expectedFaults));
    }

    /** Collects a log's events in order; {@link #build(MemoryLayout)} translates them. Not thread-safe. */
    public static final class Builder {
        private final ByteList kind;
        private final LongList hostPage;
        private final LongList fileOffset;
        private final IntList pages;
        private final LongList physical;
        private final IntList line;
        private final IntList thread;
        private final LongList nanos;
        private final LongList removeStart = new LongList(16);
        private final LongList removeEnd = new LongList(16);
        private final IntList removeBefore = new IntList(16);
        private final IntList removeLine = new IntList(16);
        private final LongList regionHost = new LongList(4);
        private final LongList regionSize = new LongList(4);
        private final LongList regionOffset = new LongList(4);
        private long memoryFileSize = -1;
        private String orderNote;
        private boolean hasThread;
        private boolean hasNanos;

        private Builder(int faults) {
            kind = new ByteList(faults);
            hostPage = new LongList(faults);
            fileOffset = new LongList(faults);
            pages = new IntList(faults);
            physical = new LongList(faults);
            line = new IntList(faults);
            thread = new IntList(faults);
            nanos = new LongList(faults);
        }

        /**
         * Adds a served fault.
         *
         * @param kind     {@link #WRITE}, {@link #ZEROED}, {@link #PREFETCHED} bits
         * @param thread   faulting thread id, or -1 if the line has none
         * @param nanos    timestamp in ns, or -1 if the line has none
         * @param physical guest-physical address if the line states it, else -1 (translated at build)
         */
        public Builder fault(int kind, long hostPage, long offset, int pageCount, int thread, long nanos,
                             long physical, long lineNumber) {
            this.kind.add((byte) kind);
            this.hostPage.add(hostPage);
            this.fileOffset.add(offset);
            this.pages.add(pageCount);
            this.physical.add(physical);
            this.line.add((int) Math.min(lineNumber, Integer.MAX_VALUE));
            this.thread.add(Math.max(thread, 0));
            this.nanos.add(nanos);
            hasThread |= thread >= 0;
            hasNanos |= nanos >= 0;
            return this;
        }

        public Builder remove(long start, long end, long lineNumber) {
            removeStart.add(start);
            removeEnd.add(end);
            removeBefore.add(kind.size());
            removeLine.add((int) Math.min(lineNumber, Integer.MAX_VALUE));
            return this;
        }

        public Builder region(long hostBase, long size, long offset) {
            regionHost.add(hostBase);
            regionSize.add(size);
            regionOffset.add(offset);
            return this;
        }

        /** The text after {@code # restore order:} in the log. */
        public Builder orderNote(String note) {
            orderNote = note;
            return this;
        }

        public Builder memoryFileSize(long size) {
            memoryFileSize = size;
            return this;
        }

        public int faultCount() {
            return kind.size();
        }

        /** The memory file's size given so far, or -1. */
        public long memoryFileSize() {
            return memoryFileSize;
        }

        public FaultTrace build(MemoryLayout layout) {
            return new FaultTrace(this, layout);
        }
    }
}
