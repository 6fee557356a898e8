package org.uffdvisualizer.generate;

/**
 * Lays out one process's address space the way Linux and glibc do: the executable near
 * {@code 0x55...}, {@code [heap]} after it, libraries and anonymous mappings top-down from
 * {@code 0x7f...}, {@code [stack]}, {@code [vvar]}, {@code [vdso]}, {@code [vsyscall]}; and for a
 * JVM, HotSpot's heap, CDS archive, class space, metaspace, code cache, GC data and thread
 * stacks, recorded in its {@link NmtPlan} as NMT would report them.
 */
final class ProcessPlanner {
    private static final long PAGE = GuestRam.PAGE;
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final long ANON_CHUNK_PAGES = 256L * 1024;      // anonymous mappings of at most 1 GiB

    private final FileCatalog files;
    private final int[] vdsoFrames;
    private final Rng rng;
    private ProcessPlan plan;
    private long mmapTop;

    ProcessPlanner(FileCatalog files, int[] vdsoFrames, Rng rng) {
        this.files = files;
        this.vdsoFrames = vdsoFrames;
        this.rng = rng;
    }

    /**
     * A process other than a JVM using about {@code budget} private resident pages.
     *
     * @param segment shared anonymous frames it maps (PostgreSQL's shared buffers), or null
     * @param segmentShare fraction of the segment it touched
     */
    ProcessPlan plain(int pid, FileCatalog.Program program, long budget, int[] segment, double segmentShare) {
        long heapPages = Math.max(8, budget * 2 / 5);
        long anonPages = Math.max(0, budget - heapPages - 16);
        begin(pid, program, null, heapPages, 0.9);
        anonymous(anonPages, 0.9);
        if (segment != null) {
            long start = mmap(segment.length * PAGE, 2 * MIB);
            plan.add(MappingPlan.sharedAnon(start, start + segment.length * PAGE, "/dev/zero (deleted)", segment,
                    segmentShare));
        }
        return end();
    }

    /** A JVM using about {@code budget} private resident pages, with its NMT map. */
    ProcessPlan jvm(int pid, FileCatalog.Program program, String jdk, boolean jdk25, long budget) {
        NmtPlan nmt = new NmtPlan(pid, jdk25);
        long meta = clamp(budget / 50, 256, 64 * 1024);
        long klass = clamp(budget / 250, 32, 16 * 1024);
        long code = clamp(budget * 3 / 200, 128, 40 * 1024);
        int threads = rng.between(12, 48);
        long threadPages = 0;
        int[] used = new int[threads];
        for (int t = 0; t < threads; t++) {
            used[t] = rng.between(2, 24);
            threadPages += used[t];
        }
        long brk = clamp(budget / 300, 16, 2048);
        long arenas = clamp(budget / 25, 64, 256 * 1024);
        long heap = Math.max(512, (budget - meta - klass - code - threadPages - brk - arenas) * 50 / 51);

        begin(pid, program, nmt, brk, 0.9);
        anonymous(arenas, 0.85);
        javaHeap(nmt, heap);
        classSpace(nmt, jdk, klass);
        metaspace(nmt, meta);
        codeCache(nmt, code);
        for (int u : used) {
            threadStack(nmt, u);
        }
        long safepoint = mmap(2 * PAGE, PAGE);
        plan.add(MappingPlan.none(safepoint, safepoint + 2 * PAGE, ""));
        nmt.reserve(safepoint, safepoint + 2 * PAGE, "Safepoint", true).commit(safepoint, safepoint + 2 * PAGE, true);
        return end();
    }

    // ---- the parts every process has

    private void begin(int pid, FileCatalog.Program program, NmtPlan nmt, long brkPages, double brkResident) {
        plan = new ProcessPlan(pid, program.exe(), nmt);
        long exeBase = 0x5500_0000_0000L + rng.nextLong(0x0fff_0000L) * PAGE;
        long exeEnd = library(exeBase, files.file(program.exe()));
        long heapStart = exeEnd + (1 + rng.nextLong(8192)) * PAGE;
        long heapPages = Math.max(1, (long) Math.ceil(brkPages / brkResident));
        plan.add(MappingPlan.anon(heapStart, heapStart + heapPages * PAGE, "[heap]", brkResident));

        long stackTop = 0x7ffc_0000_0000L + rng.nextLong(0x3_ffffL) * PAGE;
        plan.add(MappingPlan.anonTop(stackTop - 33 * PAGE, stackTop, "[stack]", rng.between(4, 30)));
        long vvar = stackTop + (16 + rng.nextLong(4096)) * PAGE;
        plan.add(MappingPlan.none(vvar, vvar + 4 * PAGE, "[vvar]"));
        plan.add(MappingPlan.sharedAnon(vvar + 4 * PAGE, vvar + 6 * PAGE, "[vdso]", vdsoFrames, 1.0));
        plan.add(MappingPlan.none(0xffff_ffff_ff60_0000L, 0xffff_ffff_ff60_1000L, "[vsyscall]"));

        mmapTop = 0x7f00_0000_0000L + rng.nextLong(0xf00_0000L) * PAGE;
        for (String lib : FileCatalog.libc()) {
            library(mmap(files.file(lib).pages() * PAGE + 2 * PAGE, PAGE), files.file(lib));
        }
        for (String lib : program.libraries()) {
            SharedFile f = files.file(lib);
            if (lib.endsWith("/modules") || lib.contains("LC_") || lib.endsWith(".jsa")) {
                long at = mmap(f.pages() * PAGE, PAGE);
                plan.add(MappingPlan.fileShared(at, at + f.pages() * PAGE, f, 0, 0.85));
            } else {
                library(mmap(f.pages() * PAGE + 2 * PAGE, PAGE), f);
            }
        }
    }

    private ProcessPlan end() {
        plan.seal();
        ProcessPlan p = plan;
        plan = null;
        return p;
    }

    /**
     * Maps an ELF file at {@code base} as ld.so does: read-only headers, text, read-only data
     * (shared with every process mapping the file), then relro and data (private, written).
     * Returns the end of the last mapping.
     */
    private long library(long base, SharedFile f) {
        int n = f.pages();
        if (n < 6) {
            plan.add(MappingPlan.fileShared(base, base + n * PAGE, f, 0, 0.9));
            return base + n * PAGE;
        }
        int head = Math.max(1, n / 10);
        int text = Math.max(1, n * 55 / 100);
        int rodata = n - head - text - 2;
        long at = base;
        at = segment(at, f, 0, head, 0.7);
        at = segment(at, f, head, text, 0.8);
        at = segment(at, f, head + text, rodata, 0.6);
        plan.add(MappingPlan.filePrivate(at, at + PAGE, f.path, 1.0));           // relro
        plan.add(MappingPlan.filePrivate(at + PAGE, at + 2 * PAGE, f.path, 1.0)); // .data
        return at + 2 * PAGE;
    }

    private long segment(long at, SharedFile f, int firstPage, int pages, double resident) {
        plan.add(MappingPlan.fileShared(at, at + pages * PAGE, f, firstPage, resident));
        return at + pages * PAGE;
    }

    /** Private anonymous memory, as malloc arenas and large allocations: chunks of at most 1 GiB. */
    private void anonymous(long residentPages, double resident) {
        long left = residentPages;
        while (left > 0) {
            long chunk = Math.min(left, ANON_CHUNK_PAGES * 9 / 10);
            long pages = (long) Math.ceil(chunk / resident);
            long reserve = Math.max(pages, 16384);                                 // 64 MiB arenas
            long start = mmap(reserve * PAGE, 64 * MIB);
            plan.add(MappingPlan.anon(start, start + pages * PAGE, "", resident));
            if (reserve > pages) {
                plan.add(MappingPlan.none(start + pages * PAGE, start + reserve * PAGE, ""));
            }
            left -= chunk;
        }
    }

    /** Top-down placement in the mmap area, with small random gaps. */
    private long mmap(long bytes, long align) {
        long start = (mmapTop - bytes) & -align;
        mmapTop = start - rng.nextLong(16) * PAGE;
        return start;
    }

    // ---- HotSpot

    /** A committed part resident at {@code resident}, then the reserved rest; returns nothing. */
    private void committedThenReserved(long start, long committedPages, long reservedPages, double resident) {
        if (committedPages > 0) {
            plan.add(MappingPlan.anon(start, start + committedPages * PAGE, "", resident));
        }
        if (reservedPages > committedPages) {
            plan.add(MappingPlan.none(start + committedPages * PAGE, start + reservedPages * PAGE, ""));
        }
    }

    private void javaHeap(NmtPlan nmt, long residentPages) {
        long committed = roundUp((long) Math.ceil(residentPages / 0.92), 512);
        long reserved = roundUp((long) (committed * (1.25 + rng.nextDouble())), 512);
        long bytes = reserved * PAGE;
        // Compressed oops: a heap of up to 28 GiB ends at 32 GiB (zero-based); larger ones sit higher.
        long start = bytes <= 28 * GIB ? 0x8_0000_0000L - bytes : 0x10_0000_0000L;
        committedThenReserved(start, committed, reserved, (double) residentPages / committed);
        nmt.reserve(start, start + bytes, "Java Heap", false).commit(start, start + committed * PAGE, true);

        // G1's mark bitmap (1/64 of the heap) and card table, BOT etc. (1/512)
        long bitmapReserved = roundUp(reserved / 64, 16);
        long bitmapCommitted = roundUp(committed / 64, 16);
        long bitmap = mmap(bitmapReserved * PAGE, 2 * MIB);
        committedThenReserved(bitmap, bitmapCommitted, bitmapReserved, 0.9);
        nmt.reserve(bitmap, bitmap + bitmapReserved * PAGE, "GC", false).commit(bitmap, bitmap + bitmapCommitted * PAGE,
                true);
        long cards = roundUp(reserved / 512, 16);
        long cardStart = mmap(cards * PAGE, 2 * MIB);
        plan.add(MappingPlan.anon(cardStart, cardStart + cards * PAGE, "", 0.6));
        nmt.reserve(cardStart, cardStart + cards * PAGE, "GC", true).commit(cardStart, cardStart + cards * PAGE, true);
    }

    /** CDS archive at 32 GiB (the JDK's shared base), compressed class space after it. */
    private void classSpace(NmtPlan nmt, String jdk, long residentPages) {
        SharedFile jsa = files.file(jdk + "/lib/server/classes.jsa");
        long base = 0x8_0000_0000L;
        long shared = 16 * MIB;
        long jsaEnd = base + jsa.pages() * PAGE;
        plan.add(MappingPlan.fileShared(base, jsaEnd, jsa, 0, 0.9));
        plan.add(MappingPlan.none(jsaEnd, base + shared, ""));
        nmt.reserve(base, base + shared, "Shared class space", false).commit(base, jsaEnd, true);

        long klass = base + shared;
        long committed = roundUp((long) Math.ceil(residentPages / 0.85), 16);
        committedThenReserved(klass, committed, GIB / PAGE, (double) residentPages / committed);
        nmt.reserve(klass, klass + GIB, "Class", false).commit(klass, klass + committed * PAGE, true);
    }

    private void metaspace(NmtPlan nmt, long residentPages) {
        long committed = roundUp((long) Math.ceil(residentPages / 0.9), 16);
        long reserved = Math.max(16384, roundUp(committed * 3 / 2, 1024));
        long start = mmap(reserved * PAGE, 4 * MIB);
        committedThenReserved(start, committed, reserved, (double) residentPages / committed);
        nmt.reserve(start, start + reserved * PAGE, "Metaspace", false).commit(start, start + committed * PAGE, true);
    }

    /** The segmented code cache: non-nmethods, profiled, non-profiled, each committed from its start. */
    private void codeCache(NmtPlan nmt, long residentPages) {
        long total = 240 * MIB / PAGE;
        long nonNmethods = 0x580000 / PAGE;
        long segment = (total - nonNmethods) / 2;
        long start = mmap(total * PAGE, 2 * MIB);
        long committed = roundUp((long) Math.ceil(residentPages / 0.9), 16);
        long[] sizes = {nonNmethods, segment, total - nonNmethods - segment};
        long[] commit = {Math.min(nonNmethods, roundUp(committed / 10, 16)),
            Math.min(segment, roundUp(committed * 45 / 100, 16)), Math.min(segment, roundUp(committed * 45 / 100, 16))};
        NmtPlan.Region region = nmt.reserve(start, start + total * PAGE, "Code", false);
        long at = start;
        for (int i = 0; i < 3; i++) {
            committedThenReserved(at, commit[i], sizes[i], 0.9);
            region.commit(at, at + commit[i] * PAGE, true);
            at += sizes[i] * PAGE;
        }
    }

    /** A 1 MiB Java thread stack: guard pages at the bottom, the used part at the top. */
    private void threadStack(NmtPlan nmt, int usedPages) {
        long size = MIB;
        long start = mmap(size, PAGE);
        long end = start + size;
        long guard = start + 4 * PAGE;
        plan.add(MappingPlan.none(start, guard, ""));
        plan.add(MappingPlan.anonTop(guard, end, "", usedPages));
        nmt.reserve(start, end, "Thread Stack", false).commit(start, guard, true)
                .commit(end - (long) usedPages * PAGE, end, false);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long roundUp(long v, long unit) {
        return Math.max(unit, (v + unit - 1) / unit * unit);
    }
}
