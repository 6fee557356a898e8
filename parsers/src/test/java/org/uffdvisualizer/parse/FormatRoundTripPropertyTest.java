package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uffdvisualizer.format.MemMappingWriter;
import org.uffdvisualizer.format.NmtWriter;
import org.uffdvisualizer.format.UffdLogWriter;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Property: for random captures, formatting them in the capture formats and parsing the text
 * gives back exactly what was generated. Each seed is one reproducible case; the expected
 * sharing and PSS are computed here with plain sets and maps, independently of the model.
 */
class FormatRoundTripPropertyTest {
    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    /** A generated page line: section index, virtual word (or kpageflags), physical address, flags. */
    record Page(int section, long word, long phys, int flags) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void memMappingRoundTrips(long seed) throws Exception {
        Random rnd = new Random(seed);
        StringWriter text = new StringWriter();
        MemMappingWriter w = new MemMappingWriter(text);
        List<Integer> pids = new ArrayList<>();
        List<String> exes = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Page> pages = new ArrayList<>();
        long[] physPool = new long[1 + rnd.nextInt(200)];
        for (int i = 0; i < physPool.length; i++) {
            physPool[i] = (long) rnd.nextInt(1 << 20) << 12;    // up to 4 GiB, some collide: sharing
        }
        int processes = 1 + rnd.nextInt(4);
        for (int s = 0; s < processes + 2; s++) {
            int pid = s < processes ? 1 + s * 1000 + rnd.nextInt(999) : (s == processes ? 0 : -1);
            String exe = s < processes ? randomName(rnd, "/usr/bin/p" + s) : (pid == 0 ? "kernel" : "pagecache");
            pids.add(pid);
            exes.add(exe);
            w.section(pid, exe);
            int mappings = pid == -1 ? 1 : rnd.nextInt(6) + (pid == 0 ? 1 : 0);
            long base = pid > 0 ? 0x7f0000000000L + ((long) rnd.nextInt(1000) << 20) : 0x1000000L;
            for (int m = 0; m < mappings; m++) {
                long start = base;
                long end = start + ((long) (1 + rnd.nextInt(64)) << 12);
                String name = pid == -1 ? "/proc/kpageflags" : randomName(rnd, "/lib/x" + m + ".so");
                if (pid == -1) {
                    start = 0;
                    end = 0x100000000L;
                }
                w.mapping(start, end, name);
                ranges.add(new long[] {start, end});
                names.add(name);
                int n = rnd.nextInt(12);
                for (int k = 0; k < n; k++) {
                    long phys = physPool[rnd.nextInt(physPool.length)];
                    if (pid > 0) {
                        long virt = start + ((long) rnd.nextInt((int) ((end - start) >>> 12)) << 12);
                        boolean excl = rnd.nextBoolean();
                        boolean file = rnd.nextBoolean();
                        w.processPage(virt, phys, excl, file);
                        pages.add(new Page(s, virt, phys, PageMappings.FLAG_HAS_PAGEMAP_FLAGS
                                | (excl ? PageMappings.FLAG_EXCLUSIVE : 0) | (file ? PageMappings.FLAG_FILE : 0)));
                    } else {
                        long kpf = rnd.nextLong();
                        w.physicalPage(phys, kpf);
                        pages.add(new Page(s, kpf, phys, 0));
                    }
                }
                base = end + ((long) rnd.nextInt(16) << 12);
            }
        }
        Diagnostics d = new Diagnostics(true);
        PageMappings m = MemMappingParser.parse(TestFiles.write(dir, "m.txt", text.toString()), d,
                ProgressListener.NONE).mappings();

        assertThat(m.sectionCount()).isEqualTo(pids.size());
        for (int s = 0; s < pids.size(); s++) {
            assertThat(m.sectionPid(s)).isEqualTo(pids.get(s));
            assertThat(m.sectionExe(s)).isEqualTo(exes.get(s).strip());
        }
        assertThat(m.mappingCount()).isEqualTo(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            assertThat(m.mappingStart(i)).isEqualTo(ranges.get(i)[0]);
            assertThat(m.mappingEnd(i)).isEqualTo(ranges.get(i)[1]);
            assertThat(m.mappingName(i)).isEqualTo(names.get(i).strip());
        }
        assertThat(m.entryCount()).isEqualTo(pages.size());
        Map<Long, Set<Integer>> owners = new HashMap<>();
        Map<Long, Set<Integer>> processOwners = new HashMap<>();
        for (int e = 0; e < pages.size(); e++) {
            Page p = pages.get(e);
            assertThat(m.entryWord(e)).isEqualTo(p.word());
            assertThat((long) m.entryPfn(e) << 12).isEqualTo(p.phys());
            assertThat(m.entryFlags(e)).isEqualTo(p.flags());
            assertThat(m.sectionOfEntry(e)).isEqualTo(p.section());
            owners.computeIfAbsent(p.phys(), k -> new HashSet<>()).add(p.section());
            if (pids.get(p.section()) > 0) {
                processOwners.computeIfAbsent(p.phys(), k -> new HashSet<>()).add(p.section());
            }
        }
        assertThat(m.pageCount()).isEqualTo(owners.size());
        for (Map.Entry<Long, Set<Integer>> o : owners.entrySet()) {
            int i = m.pageIndex((int) (o.getKey() >>> 12));
            assertThat(i).isNotNegative();
            assertThat(m.pageOwnerCount(i)).isEqualTo(o.getValue().size());
        }
        double[] pss = new double[ranges.size()];
        for (int e = 0; e < pages.size(); e++) {
            Set<Integer> po = processOwners.get(pages.get(e).phys());
            if (pids.get(pages.get(e).section()) > 0) {
                pss[m.mappingOfEntry(e)] += 1.0 / po.size();
            }
        }
        for (int i = 0; i < pss.length; i++) {
            assertThat(m.mappingPss(i)).isCloseTo(pss[i], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void uffdLogRoundTrips(long seed) throws Exception {
        Random rnd = new Random(seed);
        StringWriter text = new StringWriter();
        UffdLogWriter w = new UffdLogWriter(text);
        w.header("Connected to PID " + rnd.nextInt(100000));
        boolean threads = rnd.nextBoolean();
        long host = 0x7fff00000000L;
        int n = 1 + rnd.nextInt(300);
        long[] offsets = new long[n];
        boolean[] writes = new boolean[n];
        boolean[] zeroed = new boolean[n];
        int[] tids = new int[n];
        List<long[]> removes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            offsets[i] = (long) rnd.nextInt(1 << 18) << 12;    // within 1 GiB
            writes[i] = rnd.nextBoolean();
            zeroed[i] = rnd.nextInt(10) == 0;
            tids[i] = threads ? rnd.nextInt(1 << 22) : -1;
            long page = host + offsets[i];
            w.fault(writes[i], tids[i], page + rnd.nextInt(4096), page, zeroed[i], offsets[i], offsets[i] + 4096);
            if (rnd.nextInt(50) == 0) {
                long start = host + ((long) rnd.nextInt(1 << 18) << 12);
                w.remove(start, start + 0x100000);
                removes.add(new long[] {start, start + 0x100000, i + 1});
            }
        }
        FaultTrace t = UffdLogParser.parse(TestFiles.write(dir, "u.log", text.toString()), MemoryLayout.X86_64,
                new Diagnostics(true), ProgressListener.NONE).trace();
        assertThat(t.faultCount()).isEqualTo(n);
        assertThat(t.hasThreads()).isEqualTo(threads);
        Set<Long> unique = new HashSet<>();
        for (int i = 0; i < n; i++) {
            assertThat(t.fileOffset(i)).isEqualTo(offsets[i]);
            assertThat(t.physical(i)).isEqualTo(offsets[i]);
            assertThat(t.hostPage(i)).isEqualTo(host + offsets[i]);
            assertThat(t.isWrite(i)).isEqualTo(writes[i]);
            assertThat(t.isZeroed(i)).isEqualTo(zeroed[i]);
            assertThat(t.thread(i)).isEqualTo(Math.max(tids[i], 0));
            unique.add(offsets[i]);
        }
        assertThat(t.uniquePageCount()).isEqualTo(unique.size());
        assertThat(t.removeCount()).isEqualTo(removes.size());
        for (int r = 0; r < removes.size(); r++) {
            assertThat(t.removeStart(r)).isEqualTo(removes.get(r)[0]);
            assertThat(t.removeEnd(r)).isEqualTo(removes.get(r)[1]);
            assertThat(t.removeBefore(r)).isEqualTo((int) removes.get(r)[2]);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void nmtRoundTripsInBothJdkStyles(long seed) throws Exception {
        Random rnd = new Random(seed);
        NmtWriter.Style style = rnd.nextBoolean() ? NmtWriter.Style.JDK17 : NmtWriter.Style.JDK25;
        String[] categories = {"Java Heap", "Class", "Thread Stack", "Code", "GC", "Metaspace", "Shared class space"};
        StringWriter text = new StringWriter();
        NmtWriter w = new NmtWriter(text, style);
        int pid = 1 + rnd.nextInt(100000);
        w.header(pid);
        int regions = rnd.nextInt(30);
        List<long[]> reserved = new ArrayList<>();
        List<long[]> committed = new ArrayList<>();
        long base = 0x7f0000000000L;
        for (int r = 0; r < regions; r++) {
            long start = base;
            long end = start + ((long) (1 + rnd.nextInt(256)) << 12);
            int cat = rnd.nextInt(categories.length);
            boolean both = rnd.nextInt(4) == 0;
            w.reserved(start, end, both, categories[cat]);
            reserved.add(new long[] {start, end, cat, both ? 1 : 0, committed.size()});
            long c = start;
            while (c < end && rnd.nextBoolean()) {
                long ce = Math.min(end, c + ((long) (1 + rnd.nextInt(16)) << 12));
                w.committed(c, ce, rnd.nextBoolean());
                committed.add(new long[] {c, ce});
                c = ce + ((long) rnd.nextInt(4) << 12);
            }
            base = end + 0x10000;
        }
        w.end();
        NmtMap m = NmtParser.parse(TestFiles.write(dir, "n.txt", text.toString()), -1, new Diagnostics(true),
                ProgressListener.NONE).map();
        assertThat(m.pid()).isEqualTo(pid);
        assertThat(m.reservedCount()).isEqualTo(reserved.size());
        assertThat(m.committedCount()).isEqualTo(committed.size());
        for (int r = 0; r < reserved.size(); r++) {
            long[] e = reserved.get(r);
            assertThat(m.reservedStart(r)).isEqualTo(e[0]);
            assertThat(m.reservedEnd(r)).isEqualTo(e[1]);
            assertThat(m.category(m.reservedCategory(r))).isEqualTo(categories[(int) e[2]]);
            assertThat(m.isReservedAndCommitted(r)).isEqualTo(e[3] == 1);
            assertThat(m.firstCommitted(r)).isEqualTo((int) e[4]);
        }
        for (int c = 0; c < committed.size(); c++) {
            assertThat(m.committedStart(c)).isEqualTo(committed.get(c)[0]);
            assertThat(m.committedEnd(c)).isEqualTo(committed.get(c)[1]);
        }
    }

    /** Names as real dumps have them: with spaces, empty, or with a trailing space. */
    private static String randomName(Random rnd, String base) {
        return switch (rnd.nextInt(5)) {
            case 0 -> "";
            case 1 -> base + " (deleted)";
            case 2 -> "[anon:java heap]";
            default -> base;
        };
    }
}
