package org.uffdvisualizer.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

class CaptureGeneratorTest {
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private static GeneratorOptions options(long guest, boolean gzip) {
        return new GeneratorOptions(guest, 16, 4, 20_000, 7, 0.75, gzip);
    }

    private static LoadedCapture loadStrict(Path capture) throws Exception {
        return CaptureLoader.load(CaptureFiles.inDirectory(capture),
                new CaptureLoader.Options(true, MemoryLayout.X86_64, -1), ProgressListener.NONE);
    }

    @Test
    void sameSeedGivesTheSameBytes() throws Exception {
        new CaptureGenerator(options(GIB, false)).generate(dir.resolve("a"));
        new CaptureGenerator(options(GIB, false)).generate(dir.resolve("b"));
        List<String> names = list(dir.resolve("a"));
        assertThat(names).contains("mem_mapping.txt", "uffd.log").hasSize(6).isEqualTo(list(dir.resolve("b")));
        for (String n : names) {
            assertThat(Files.mismatch(dir.resolve("a").resolve(n), dir.resolve("b").resolve(n))).as(n).isEqualTo(-1);
        }
        new CaptureGenerator(new GeneratorOptions(GIB, 16, 4, 20_000, 8, 0.75, false)).generate(dir.resolve("c"));
        assertThat(Files.mismatch(dir.resolve("a/mem_mapping.txt"), dir.resolve("c/mem_mapping.txt"))).isNotEqualTo(-1);
    }

    @Test
    void parsesStrictlyWithoutDiagnosticsAndRespectsTheHole() throws Exception {
        CaptureGenerator.Result r = new CaptureGenerator(options(5 * GIB, true)).generate(dir);
        assertThat(r.mappings().getFileName().toString()).isEqualTo("mem_mapping.txt.gz");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("tmp"));
        }
        LoadedCapture loaded = loadStrict(dir);
        assertThat(loaded.isComplete()).isTrue();
        Capture c = loaded.capture();
        PageMappings m = c.mappings();
        assertThat(m.entryCount()).isEqualTo(r.pageLines());
        long ramFrames = 5 * GIB / 4096;
        assertThat((double) m.pageCount() / ramFrames).isBetween(0.65, 0.85);
        assertThat(c.physical().ramBytes()).isEqualTo(5 * GIB);
        assertThat(c.physical().end()).isEqualTo(6 * GIB);
        for (int i = 0; i < m.pageCount(); i++) {
            long address = (long) m.pagePfn(i) * 4096;
            assertThat(address < 3 * GIB || address >= 4 * GIB).as("page %x in the hole", address).isTrue();
        }
        assertThat(c.sharedPageCount()).isGreaterThan(1000);
        assertThat(m.sectionCount()).isEqualTo(18);
        assertThat(m.sectionPid(16)).isZero();
        assertThat(m.sectionPid(17)).isEqualTo(-1);

        FaultTrace t = c.trace();
        assertThat(t.faultCount()).isEqualTo(20_000);
        assertThat(t.removeCount()).isBetween(1, 5);
        assertThat(t.regionCount()).isEqualTo(2);
        assertThat(c.unownedFaultedPages()).isLessThan(t.uniquePageCount() / 5);
        int zeroed = 0;
        for (int i = 0; i < t.faultCount(); i++) {
            zeroed += t.isZeroed(i) ? 1 : 0;
            assertThat(c.physical().isRam(t.physical(i))).isTrue();
        }
        assertThat(zeroed).isBetween(t.faultCount() / 100, t.faultCount() / 5);
    }

    @Test
    void nmtMatchesTheJvmsMappings() throws Exception {
        new CaptureGenerator(options(2 * GIB, false)).generate(dir);
        Capture c = loadStrict(dir).capture();
        PageMappings m = c.mappings();
        assertThat(c.nmt()).hasSize(4);
        for (NmtUsage u : c.nmt()) {
            NmtMap map = u.map();
            int s = u.section();
            assertThat(s).isNotNegative();
            assertThat(m.sectionExe(s)).endsWith("/bin/java");
            boolean heap = false;
            for (int r = 0; r < map.reservedCount(); r++) {
                // every reserved region is covered exactly by the JVM's mappings
                assertThat(coveredBytes(m, s, map.reservedStart(r), map.reservedEnd(r)))
                        .as("%s region %x", map.category(map.reservedCategory(r)), map.reservedStart(r))
                        .isEqualTo(map.reservedEnd(r) - map.reservedStart(r));
                // resident pages of a region lie in its committed parts
                long inCommitted = 0;
                for (int k = map.firstCommitted(r); k < map.firstCommitted(r) + map.committedCountOf(r); k++) {
                    inCommitted += u.committedResidentBytes(k);
                }
                assertThat(u.reservedResidentBytes(r)).isEqualTo(inCommitted);
                assertThat(u.reservedResidentBytes(r)).isLessThanOrEqualTo(map.committedBytes(r));
                if (map.category(map.reservedCategory(r)).equals("Java Heap")) {
                    heap = true;
                    assertThat(u.reservedResidentBytes(r)).isGreaterThan(map.committedBytes(r) / 2);
                }
            }
            assertThat(heap).isTrue();
            List<String> categories = new java.util.ArrayList<>();
            for (int k = 0; k < map.categoryCount(); k++) {
                categories.add(map.category(k));
            }
            assertThat(categories).contains("Java Heap", "Class", "Metaspace", "Code", "GC", "Thread Stack",
                    "Shared class space");
        }
    }

    @Test
    void sizeScalesWithTheGuest() throws Exception {
        CaptureGenerator.Result small = new CaptureGenerator(options(GIB, false)).generate(dir.resolve("1g"));
        CaptureGenerator.Result big = new CaptureGenerator(options(4 * GIB, false)).generate(dir.resolve("4g"));
        // Shared files weigh more in a small guest, so p lines grow a little less than RAM.
        assertThat((double) big.pageLines() / small.pageLines()).isBetween(2.8, 4.5);
        assertThat(Files.size(big.mappings()) / (double) Files.size(small.mappings())).isBetween(2.8, 4.5);
    }

    private static long coveredBytes(PageMappings m, int section, long start, long end) {
        long covered = 0;
        for (int k = m.sectionFirstMapping(section); k < m.sectionFirstMapping(section) + m.sectionMappingCount(section);
                k++) {
            long from = Math.max(start, m.mappingStart(k));
            long to = Math.min(end, m.mappingEnd(k));
            if (to > from) {
                covered += to - from;
            }
        }
        return covered;
    }

    private static List<String> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
