package org.uffdvisualizer.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Generates a large, realistic capture (mem_mapping dump, uffd log, NMT detail per JVM) in the
 * exact formats of FORMATS.md, for benchmarks and tests. The same options give the same bytes.
 * Files are written streaming and atomically; memory use is a few bits per RAM frame.
 *
 * <p>The guest: {@code resident} of its RAM frames owned by somebody. The kernel image sits at
 * its usual low addresses. Files processes map (executables, libraries, the JDK's modules and
 * CDS archive) are cached once and shared by every process mapping them; about a fifth of the
 * rest is page cache nobody maps, a little is PostgreSQL shared memory, and the remainder is the
 * processes' private memory, shared out by what each program tends to use (JVMs most).
 */
public final class CaptureGenerator {
    /** What was written. */
    public record Result(Path mappings, Path uffd, List<Path> nmt, long pageLines, int processes) {
    }

    private final GeneratorOptions options;

    public CaptureGenerator(GeneratorOptions options) {
        this.options = options;
    }

    public Result generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        long seed = options.seed();
        GuestRam ram = new GuestRam(options.guestBytes());
        FrameAllocator frames = new FrameAllocator(ram, Rng.of(seed, 1).nextLong());
        int kernelPages = MemMappingGenerator.reserveKernel(frames);
        int[] vdso = {frames.next(), frames.next()};
        FileCatalog files = new FileCatalog(frames, Rng.of(seed, 2));

        // Which program each process runs, in pid order.
        List<FileCatalog.Program> programs = new ArrayList<>();
        List<String> jdks = new ArrayList<>();
        for (int i = 0; i < options.processes(); i++) {
            if (i < options.jvms()) {
                String jdk = i % 2 == 0 ? FileCatalog.JDK17 : FileCatalog.JDK25;
                programs.add(FileCatalog.jvm(jdk));
                jdks.add(jdk);
            } else {
                programs.add(FileCatalog.OTHERS.get((i - options.jvms()) % FileCatalog.OTHERS.size()));
                jdks.add(null);
            }
        }
        Rng order = Rng.of(seed, 3);
        for (int i = programs.size() - 1; i > 0; i--) {
            int j = order.nextInt(i + 1);
            java.util.Collections.swap(programs, i, j);
            java.util.Collections.swap(jdks, i, j);
        }
        int[] pids = new int[programs.size()];
        int pid = order.between(150, 900);
        for (int i = 0; i < pids.length; i++) {
            pids[i] = pid;
            pid += order.between(1, 400);
        }

        // Cache every mapped file first: their frames are shared, so they come out of the budget once.
        boolean postgres = false;
        for (int i = 0; i < programs.size(); i++) {
            FileCatalog.Program p = programs.get(i);
            files.file(p.exe());
            FileCatalog.libc().forEach(files::file);
            p.libraries().forEach(files::file);
            if (jdks.get(i) != null) {
                files.file(jdks.get(i) + "/lib/server/classes.jsa");
            }
            postgres |= p.sharedSegment();
        }
        long target = (long) (options.resident() * ram.frames());
        long budget = Math.max(0, target - kernelPages - frames.handedOut());
        long pageCacheOnly = budget / 5;
        for (long k = 0; k < pageCacheOnly; k++) {
            frames.pageCache().set(frames.next());
        }
        int[] segment = null;
        if (postgres) {
            segment = new int[(int) Math.max(256, budget / 25)];
            for (int k = 0; k < segment.length; k++) {
                segment[k] = frames.next();
            }
        }
        long privatePages = Math.max(0, budget - pageCacheOnly - (segment == null ? 0 : segment.length));

        Rng weights = Rng.of(seed, 4);
        double[] w = new double[programs.size()];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = programs.get(i).weight() * (0.6 + 0.8 * weights.nextDouble());
            sum += w[i];
        }
        ProcessPlanner planner = new ProcessPlanner(files, vdso, Rng.of(seed, 5));
        List<ProcessPlan> processes = new ArrayList<>();
        boolean firstPostgres = true;
        for (int i = 0; i < programs.size(); i++) {
            FileCatalog.Program p = programs.get(i);
            long share = (long) (privatePages * w[i] / sum);
            if (jdks.get(i) != null) {
                processes.add(planner.jvm(pids[i], p, jdks.get(i), FileCatalog.JDK25.equals(jdks.get(i)), share));
            } else {
                double touched = p.sharedSegment() ? (firstPostgres ? 0.95 : 0.3 + 0.5 * weights.nextDouble()) : 0;
                processes.add(planner.plain(pids[i], p, share, p.sharedSegment() ? segment : null, touched));
                firstPostgres &= !p.sharedSegment();
            }
        }
        processes.sort(Comparator.comparingInt(p -> p.pid));

        String gz = options.gzip() ? ".gz" : "";
        Path mappings = dir.resolve("mem_mapping.txt" + gz);
        MemMappingGenerator dump = new MemMappingGenerator(frames, seed);
        try (OutputFile f = new OutputFile(mappings, options.gzip())) {
            dump.write(processes, f.writer());
            f.commit();
        }
        List<Path> nmt = new ArrayList<>();
        for (ProcessPlan p : processes) {
            if (p.nmt != null) {
                Path file = dir.resolve("nmt-" + p.pid + ".txt" + gz);
                try (OutputFile f = new OutputFile(file, options.gzip())) {
                    NmtGenerator.write(p.nmt, f.writer());
                    f.commit();
                }
                nmt.add(file);
            }
        }
        Path uffd = dir.resolve("uffd.log" + gz);
        try (OutputFile f = new OutputFile(uffd, options.gzip())) {
            new UffdLogGenerator(ram, frames.owned(), Rng.of(seed, 6)).write(options.faults(), f.writer());
            f.commit();
        }
        return new Result(mappings, uffd, nmt, dump.pageLines(), processes.size());
    }
}
