package org.uffdvisualizer.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the heap that something retains: heap in use after a full GC before and after.
 * Approximate (System.gc() is a request), which is why the model also counts its own arrays.
 */
final class HeapProbe {
    private final long before;

    private HeapProbe(long before) {
        this.before = before;
    }

    static HeapProbe start() {
        return new HeapProbe(usedAfterGc());
    }

    /** Heap retained since {@link #start()}, in bytes. */
    long retainedSince() {
        return Math.max(0, usedAfterGc() - before);
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
