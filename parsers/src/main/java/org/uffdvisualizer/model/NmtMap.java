package org.uffdvisualizer.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One JVM's Native Memory Tracking virtual memory map: reserved regions, each with a category and
 * its committed sub-regions. Addresses are virtual addresses of that JVM. Immutable once built.
 *
 * <p>Reserved region {@code r}: {@code [reservedStart, reservedEnd)}, category index,
 * whether NMT said "reserved and committed"; its committed sub-regions are
 * {@code [firstCommitted[r], firstCommitted[r + 1])}, each {@code [committedStart, committedEnd)}.
 * Regions are kept in file order (JDK 17 prints ascending addresses, JDK 25 descending).
 */
public final class NmtMap {
    private final int pid;
    private final Path source;
    private final String[] categories;
    private final long[] reservedStart;
    private final long[] reservedEnd;
    private final int[] reservedCategory;
    private final boolean[] reservedAndCommitted;
    private final int[] firstCommitted;
    private final long[] committedStart;
    private final long[] committedEnd;

    private NmtMap(Builder b) {
        pid = b.pid;
        source = b.source;
        categories = b.categories.toArray(new String[0]);
        reservedStart = b.reservedStart.toArray();
        reservedEnd = b.reservedEnd.toArray();
        reservedCategory = b.reservedCategory.toArray();
        byte[] rc = b.reservedAndCommitted.toArray();
        reservedAndCommitted = new boolean[rc.length];
        for (int i = 0; i < rc.length; i++) {
            reservedAndCommitted[i] = rc[i] != 0;
        }
        IntList first = b.firstCommitted;
        first.add(b.committedStart.size());
        firstCommitted = first.toArray();
        committedStart = b.committedStart.toArray();
        committedEnd = b.committedEnd.toArray();
    }

    /** The same map, attributed to JVM {@code newPid}; the (immutable) arrays are shared. */
    private NmtMap(NmtMap m, int newPid) {
        pid = newPid;
        source = m.source;
        categories = m.categories;
        reservedStart = m.reservedStart;
        reservedEnd = m.reservedEnd;
        reservedCategory = m.reservedCategory;
        reservedAndCommitted = m.reservedAndCommitted;
        firstCommitted = m.firstCommitted;
        committedStart = m.committedStart;
        committedEnd = m.committedEnd;
    }

    /** This map attributed to another JVM: for files whose pid is learnt only after parsing. */
    public NmtMap withPid(int newPid) {
        return new NmtMap(this, newPid);
    }

    /** The JVM's pid (from the {@code PID:} header, the caller, or matching). */
    public int pid() {
        return pid;
    }

    /** The file this map was read from. */
    public Path source() {
        return source;
    }

    public int categoryCount() {
        return categories.length;
    }

    /** Category names in order of first appearance ("Java Heap", "Class", "Code", ...). */
    public String category(int c) {
        return categories[c];
    }

    public int reservedCount() {
        return reservedStart.length;
    }

    public long reservedStart(int r) {
        return reservedStart[r];
    }

    public long reservedEnd(int r) {
        return reservedEnd[r];
    }

    public int reservedCategory(int r) {
        return reservedCategory[r];
    }

    /** True for "reserved and committed" regions. */
    public boolean isReservedAndCommitted(int r) {
        return reservedAndCommitted[r];
    }

    public int firstCommitted(int r) {
        return firstCommitted[r];
    }

    public int committedCountOf(int r) {
        return firstCommitted[r + 1] - firstCommitted[r];
    }

    /** Committed sub-regions in all. */
    public int committedCount() {
        return committedStart.length;
    }

    public long committedStart(int c) {
        return committedStart[c];
    }

    public long committedEnd(int c) {
        return committedEnd[c];
    }

    /**
     * Committed bytes of region {@code r}: its sub-regions, or the whole region if it is
     * "reserved and committed" and NMT listed no sub-region.
     */
    public long committedBytes(int r) {
        int from = firstCommitted[r];
        int to = firstCommitted[r + 1];
        if (from == to) {
            return reservedAndCommitted[r] ? reservedEnd[r] - reservedStart[r] : 0;
        }
        long sum = 0;
        for (int c = from; c < to; c++) {
            sum += committedEnd[c] - committedStart[c];
        }
        return sum;
    }

    public static Builder builder(int pid, Path source) {
        return new Builder(pid, source);
    }

    /** Collects regions in file order. Not thread-safe. */
    public static final class Builder {
        private int pid;
        private final Path source;
        private final List<String> categories = new ArrayList<>();
        private final Map<String, Integer> categoryIndex = new HashMap<>();
        private final LongList reservedStart = new LongList(64);
        private final LongList reservedEnd = new LongList(64);
        private final IntList reservedCategory = new IntList(64);
        private final ByteList reservedAndCommitted = new ByteList(64);
        private final IntList firstCommitted = new IntList(64);
        private final LongList committedStart = new LongList(64);
        private final LongList committedEnd = new LongList(64);

        private Builder(int pid, Path source) {
            this.pid = pid;
            this.source = source;
        }

        public Builder pid(int newPid) {
            pid = newPid;
            return this;
        }

        public int pid() {
            return pid;
        }

        public Builder reserved(long start, long end, String category, boolean alsoCommitted) {
            Integer c = categoryIndex.get(category);
            if (c == null) {
                c = categories.size();
                categories.add(category);
                categoryIndex.put(category, c);
            }
            reservedStart.add(start);
            reservedEnd.add(end);
            reservedCategory.add(c);
            reservedAndCommitted.add((byte) (alsoCommitted ? 1 : 0));
            firstCommitted.add(committedStart.size());
            return this;
        }

        /** True once a reserved region exists that committed sub-regions can belong to. */
        public boolean hasReserved() {
            return reservedStart.size() > 0;
        }

        /** Adds a committed sub-region to the last reserved region. */
        public Builder committed(long start, long end) {
            committedStart.add(start);
            committedEnd.add(end);
            return this;
        }

        public int reservedCount() {
            return reservedStart.size();
        }

        public NmtMap build() {
            return new NmtMap(this);
        }
    }
}
