package org.uffdvisualizer.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One process of the generated guest: its mappings (written in address order) and, for a JVM, its NMT map. */
final class ProcessPlan {
    final int pid;
    final String exe;
    final List<MappingPlan> mappings = new ArrayList<>();
    final NmtPlan nmt;

    ProcessPlan(int pid, String exe, NmtPlan nmt) {
        this.pid = pid;
        this.exe = exe;
        this.nmt = nmt;
    }

    void add(MappingPlan m) {
        mappings.add(m);
    }

    /** Sorts the mappings by address and checks that none overlap. */
    void seal() {
        mappings.sort(Comparator.comparingLong(m -> m.start));
        for (int i = 1; i < mappings.size(); i++) {
            if (mappings.get(i).start < mappings.get(i - 1).end) {
                throw new IllegalStateException("pid " + pid + ": overlapping mappings at "
                        + Long.toHexString(mappings.get(i).start));
            }
        }
    }
}
