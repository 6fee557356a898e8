package org.uffdvisualizer.generate;

import java.io.IOException;
import java.io.Writer;
import java.util.BitSet;
import java.util.List;
import org.uffdvisualizer.format.MemMappingWriter;

/**
 * Writes the mem_mapping dump of a planned guest, streaming: the processes in pid order, then
 * the kernel image ({@code /proc/iomem} ranges, every page with KPF_RESERVED), then the page
 * cache (every cached frame in address order with a plausible kpageflags word). Frames for
 * private pages are taken from the allocator as their lines are written.
 */
final class MemMappingGenerator {
    /** Kernel image ranges of /proc/iomem as a 6.1 kernel on Firecracker has them (end inclusive). */
    static final long[][] KERNEL = {
        {0x1000000L, 0x220bb07L}, {0x2400000L, 0x2e09fffL}, {0x3000000L, 0x327c13fL}, {0x3b34000L, 0x3c57fffL}};
    static final String[] KERNEL_NAMES = {"Kernel code", "Kernel rodata", "Kernel data", "Kernel bss"};
    static final long KPF_RESERVED = 1L << 32;

    /** kpageflags of cached pages nobody maps, and their relative frequency (from a real guest). */
    private static final long[] UNMAPPED = {0x402000028L, 0x40000006cL, 0x402000068L, 0x40200006cL, 0x400000028L,
        0x402410028L, 0x40200002cL, 0x400000068L, 0x40000002cL, 0x402408028L};
    private static final int[] UNMAPPED_WEIGHT = {30, 26, 13, 12, 10, 3, 2, 2, 1, 1};
    /** kpageflags of cached pages processes map (KPF_MMAP set). */
    private static final long[] MAPPED = {0x40000086cL, 0x40200086cL, 0x400000868L, 0x40000082cL};
    private static final int[] MAPPED_WEIGHT = {70, 15, 10, 5};

    private final FrameAllocator frames;
    private final GuestRam ram;
    private final long seed;
    private long pageLines;

    MemMappingGenerator(FrameAllocator frames, long seed) {
        this.frames = frames;
        this.ram = frames.ram();
        this.seed = seed;
    }

    /** Marks the kernel image's frames as owned; call before anything else is allocated. */
    static int reserveKernel(FrameAllocator frames) {
        int n = 0;
        for (long[] r : KERNEL) {
            for (long a = r[0]; a <= r[1]; a += GuestRam.PAGE) {
                frames.owned().set((int) (a / GuestRam.PAGE));
                n++;
            }
        }
        return n;
    }

    void write(List<ProcessPlan> processes, Writer out) throws IOException {
        MemMappingWriter w = new MemMappingWriter(out);
        for (ProcessPlan p : processes) {
            w.section(p.pid, p.exe);
            Rng rng = Rng.of(seed, 1000 + p.pid);
            for (MappingPlan m : p.mappings) {
                w.mapping(m.start, m.end, m.name);
                pages(w, m, rng);
            }
        }
        w.section(0, "kernel");
        for (int i = 0; i < KERNEL.length; i++) {
            w.mapping(KERNEL[i][0], KERNEL[i][1], KERNEL_NAMES[i]);
            long first = KERNEL[i][0] & -GuestRam.PAGE;
            for (long a = first; a <= KERNEL[i][1]; a += GuestRam.PAGE) {
                w.physicalPage(a, KPF_RESERVED);
                pageLines++;
            }
        }
        w.section(-1, "pagecache");
        w.mapping(0, ram.physicalEnd(), "/proc/kpageflags");
        BitSet cache = frames.pageCache();
        BitSet mapped = frames.mappedFile();
        for (int f = cache.nextSetBit(0); f >= 0; f = cache.nextSetBit(f + 1)) {
            long h = Rng.mix(f ^ seed);
            long kpf = mapped.get(f) ? pick(MAPPED, MAPPED_WEIGHT, h) : pick(UNMAPPED, UNMAPPED_WEIGHT, h);
            w.physicalPage(ram.physical(f), kpf);
            pageLines++;
        }
    }

    private void pages(MemMappingWriter w, MappingPlan m, Rng rng) throws IOException {
        if (m.kind == MappingPlan.Kind.NONE) {
            return;
        }
        int n = m.pages();
        for (int k = m.firstResident; k < n; k++) {
            if (m.resident < 1.0 && !rng.chance(m.resident)) {
                continue;
            }
            long virt = m.start + (long) k * GuestRam.PAGE;
            switch (m.kind) {
                case ANON, FILE_PRIVATE -> w.processPage(virt, ram.physical(frames.next()), true, false);
                case FILE_SHARED -> {
                    int f = m.frames[m.frameOffset + k];
                    if (f < 0) {
                        continue;
                    }
                    frames.mappedFile().set(f);
                    w.processPage(virt, ram.physical(f), false, true);
                }
                case SHARED_ANON -> w.processPage(virt, ram.physical(m.frames[m.frameOffset + k]), false, true);
                default -> throw new IllegalStateException(m.kind.name());
            }
            pageLines++;
        }
    }

    private static long pick(long[] values, int[] weights, long hash) {
        int total = 0;
        for (int x : weights) {
            total += x;
        }
        int r = (int) Long.remainderUnsigned(hash, total);
        for (int i = 0; i < values.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** {@code p} lines written. */
    long pageLines() {
        return pageLines;
    }
}
