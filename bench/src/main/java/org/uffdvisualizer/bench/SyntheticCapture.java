package org.uffdvisualizer.bench;

import java.util.List;
import java.util.SplittableRandom;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PageMappingsBuilder;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * An in-memory capture of a given size for measurements: one process owning {@code ownedPages}
 * frames scattered over the guest (in 2 MiB runs, like a JVM heap), a kernel image at the start,
 * and {@code faults} single-page faults at random owned and unowned frames, with timestamps.
 */
public final class SyntheticCapture {

    private SyntheticCapture() {
    }

    public static Capture of(long frames, int ownedPages, int faults, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PageMappingsBuilder m = PageMappings.builder();
        m.section(1000, "/usr/lib/jvm/java-17/bin/java");
        long virt = 0x7f0000000000L;
        m.mapping(virt, virt + (long) ownedPages * PhysicalLayout.PAGE_SIZE, "[anon:java heap]");
        int runs = Math.max(1, ownedPages / 512);
        long runFrames = frames / 512;
        boolean[] usedRun = new boolean[(int) runFrames];
        int placed = 0;
        for (int r = 0; r < runs && placed < ownedPages; r++) {
            int run;
            do {
                run = 4 + rnd.nextInt((int) runFrames - 4);
            } while (usedRun[run]);
            usedRun[run] = true;
            for (int p = 0; p < 512 && placed < ownedPages; p++, placed++) {
                m.page(virt + (long) placed * PhysicalLayout.PAGE_SIZE, run * 512 + p, PageMappings.FLAG_EXCLUSIVE
                        | PageMappings.FLAG_HAS_PAGEMAP_FLAGS);
            }
        }
        m.section(0, "kernel");
        m.mapping(0x1000000, 0x1a00000 - 1, "Kernel code");
        for (int f = 0x1000; f < 0x1a00; f++) {
            m.page(0x400000000L, f, 0);
        }
        PageMappings mappings = m.build();
        FaultTrace.Builder t = FaultTrace.builder();
        for (int i = 0; i < faults; i++) {
            long pfn = rnd.nextInt(4) == 0 ? rnd.nextLong(frames) : mappings.pagePfn(rnd.nextInt(mappings.pageCount()));
            long address = pfn << PhysicalLayout.PAGE_SHIFT;
            t.fault(rnd.nextInt(10) == 0 ? FaultTrace.ZEROED : 0, 0x7e0000000000L + address, address, 1, 1,
                    i * 20_000L, address, i + 1);
        }
        FaultTrace trace = t.build(MemoryLayout.IDENTITY);
        return Capture.of(mappings, trace, PhysicalLayout.of(MemoryLayout.IDENTITY, frames << PhysicalLayout.PAGE_SHIFT),
                List.of());
    }
}
