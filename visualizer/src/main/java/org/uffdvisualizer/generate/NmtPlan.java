package org.uffdvisualizer.generate;

import java.util.ArrayList;
import java.util.List;

/** The virtual memory map NMT reports for one generated JVM: reserved regions and their committed parts. */
final class NmtPlan {
    /** A reserved region. */
    static final class Region {
        final long start;
        final long end;
        final String category;
        final boolean alsoCommitted;
        final List<long[]> committed = new ArrayList<>();   // {start, end, withStack ? 1 : 0}

        Region(long start, long end, String category, boolean alsoCommitted) {
            this.start = start;
            this.end = end;
            this.category = category;
            this.alsoCommitted = alsoCommitted;
        }

        Region commit(long from, long to, boolean withStack) {
            committed.add(new long[] {from, to, withStack ? 1 : 0});
            return this;
        }
    }

    final int pid;
    /** True for a JDK 25 JVM (its NMT has the JDK 25 shape and lists regions by descending address). */
    final boolean jdk25;
    final List<Region> regions = new ArrayList<>();

    NmtPlan(int pid, boolean jdk25) {
        this.pid = pid;
        this.jdk25 = jdk25;
    }

    Region reserve(long start, long end, String category, boolean alsoCommitted) {
        Region r = new Region(start, end, category, alsoCommitted);
        regions.add(r);
        return r;
    }
}
