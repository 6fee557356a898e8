package org.uffdvisualizer.prefetch;

import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;

/** Hand-built restore runs: pages are memory-file page numbers of a 64-page memory file. */
final class Runs {
    static final long PAGE = 4096;
    static final long HOST = 0x7f00_0000_0000L;

    private Runs() {
    }

    /** A run touching {@code pages} in order, without times. */
    static RestoreRun of(String name, int... pages) {
        return timed(name, -1, pages);
    }

    /** A run touching {@code pages} in order, {@code gapNanos} apart (none when negative). */
    static RestoreRun timed(String name, long gapNanos, int... pages) {
        FaultTrace.Builder b = FaultTrace.builder().memoryFileSize(64 * PAGE);
        for (int i = 0; i < pages.length; i++) {
            b.fault(0, HOST + pages[i] * PAGE, pages[i] * PAGE, 1, -1, gapNanos < 0 ? -1 : i * gapNanos, -1, i + 1);
        }
        return RestoreRun.of(name, b.build(MemoryLayout.X86_64));
    }
}
