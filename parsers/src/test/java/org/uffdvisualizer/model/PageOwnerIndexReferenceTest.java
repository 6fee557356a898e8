package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.Diagnostics;
import org.uffdvisualizer.parse.MemMappingParser;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The by-frame index (pages, their owners in order, owner counts, PSS) against the plain way to
 * compute it: all entries sorted by (frame, entry) with one {@code long[]} sort, then grouped.
 * On a real capture, read as the parser does and rebuilt through the paths of large dumps (two
 * threads, frames marked by the index), and on a dump made so that the two threads' page ranges
 * meet inside a 64-page word of the owner spans.
 */
class PageOwnerIndexReferenceTest {

    @ParameterizedTest(name = "{0}, rebuilt expecting {1} entries, two threads from {2}")
    @CsvSource({"jvm17-default, 0, 0", "jvm17-default, 16, 1024", "jvm17-default, -1, 1024",
            "lab-jvm17-default, 0, 0", "lab-jvm17-default, -1, 4096"})
    void aRealCaptureIsIndexedAsTheReferenceSays(String capture, int expected, int parallelEntries)
            throws CaptureException {
        Path file = Path.of(System.getProperty("sampleData", "../sample-data"), capture, "mem_mapping.txt.gz");
        PageMappings read = MemMappingParser.parse(file, new Diagnostics(false), ProgressListener.NONE).mappings();
        // 0: as read; -1: sized for all entries, so that the builder notes the half-way counts.
        PageMappings m = parallelEntries == 0 ? read
                : rebuilt(read, expected < 0 ? read.entryCount() : expected, parallelEntries);
        assertThat(m.entryCount()).isGreaterThan(10_000);
        assertMatchesReference(m);
    }

    /**
     * Bucket 0 (frames below 2^16) holds 100 pages and more than half of the entries, so the
     * second thread starts at page 100, inside the word of pages 64-127; pages on both sides of
     * it have several owners, others one or two entries of one section. The entries' own
     * half-way point (where the builder notes the counts per bucket) falls within that bucket's
     * entries of the first section.
     */
    @Test
    void twoThreadsMeetingInsideA64PageWordGiveTheReferenceIndex() {
        PageMappingsBuilder b = PageMappings.builder(244, 64);
        for (int s = 0; s < 3; s++) {
            b.section(s == 2 ? -1 : 10 + s, s == 2 ? "pagecache" : "p" + s);
            b.mapping(0, 1L << 30, "m");
            for (int pfn = s == 0 ? 0 : 90; pfn < 100; pfn++) {
                b.page(0x1000L * pfn, pfn, 0);              // frames 90-99: every section
                if (s == 0 && pfn % 3 == 0) {
                    b.page(0x1000L * (pfn + 100), pfn, 0);  // a second entry of the same section
                }
            }
            for (int i = 0; i < 30; i++) {
                // bucket 1: its first 10 frames owned by every section, then one section each
                b.page(0x1000L * (i + 400), (1 << 16) + (i < 10 ? i : 100 * s + i), 0);
            }
        }
        PageMappings m = b.build();
        assertThat(m.entryCount()).isEqualTo(244);
        assertThat(m.pagePfn(100)).isEqualTo(1 << 16);
        assertThat(m.pageOwnerCount(99)).isEqualTo(3);
        assertThat(m.pageOwnerCount(100)).isEqualTo(3);
        assertMatchesReference(m);
    }

    private static PageMappings rebuilt(PageMappings read, int expected, int parallelEntries) {
        PageMappingsBuilder b = PageMappings.builder(expected, parallelEntries);
        for (int s = 0; s < read.sectionCount(); s++) {
            b.section(read.sectionPid(s), read.sectionExe(s));
            for (int mp = read.sectionFirstMapping(s); mp < read.sectionFirstMapping(s) + read.sectionMappingCount(s); mp++) {
                b.mapping(read.mappingStart(mp), read.mappingEnd(mp), read.mappingName(mp));
                for (int e = read.mappingFirstEntry(mp); e < read.mappingFirstEntry(mp) + read.mappingEntryCount(mp); e++) {
                    b.page(read.entryWord(e), read.entryPfn(e), read.entryFlags(e));
                }
            }
        }
        return b.build();
    }

    private static void assertMatchesReference(PageMappings m) {
        int n = m.entryCount();
        long[] byFrame = new long[n];
        for (int e = 0; e < n; e++) {
            byFrame[e] = (long) m.entryPfn(e) << 32 | e;
        }
        Arrays.sort(byFrame);
        double[] pss = new double[m.mappingCount()];
        int page = 0;
        int multi = 0;
        int next = m.nextOwnedFrame(0);
        for (int from = 0; from < n; page++) {
            int pfn = (int) (byFrame[from] >>> 32);
            int to = from;
            while (to < n && (int) (byFrame[to] >>> 32) == pfn) {
                to++;
            }
            assertThat(m.pagePfn(page)).as("frame of page %d", page).isEqualTo(pfn);
            assertThat(next).as("frame of page %d, visited in order", page).isEqualTo(pfn);
            next = m.nextOwnedFrame(pfn + 1);
            assertThat(m.pageIndex(pfn)).as("page of frame %d", pfn).isEqualTo(page);
            assertThat(m.pageFirstOwner(page)).as("first owner of page %d", page).isEqualTo(from);
            assertThat(m.pageOwnerEnd(page)).as("owner end of page %d", page).isEqualTo(to);
            Set<Integer> owners = new HashSet<>();
            Set<Integer> processes = new HashSet<>();
            for (int k = from; k < to; k++) {
                int e = (int) byFrame[k];
                assertThat(m.ownerEntry(k)).as("owner %d of page %d", k - from, page).isEqualTo(e);
                int s = m.sectionOfEntry(e);
                owners.add(s);
                if (m.sectionPid(s) > 0) {
                    processes.add(s);
                }
            }
            assertThat(m.pageOwnerCount(page)).as("owner count of page %d", page).isEqualTo(Math.min(owners.size(), 255));
            for (int k = from; k < to; k++) {
                int e = (int) byFrame[k];
                if (m.sectionPid(m.sectionOfEntry(e)) > 0) {
                    pss[m.mappingOfEntry(e)] += 1.0 / processes.size();
                }
            }
            multi += to - from > 1 ? 1 : 0;
            from = to;
        }
        assertThat(m.pageCount()).isEqualTo(page);
        assertThat(next).as("a frame after the last page").isEqualTo(-1);
        List<Integer> inBatches = PageMappingsIndexTest.inBatches(m);
        assertThat(inBatches).as("frames walked in batches").hasSize(page);
        for (int i = 0; i < page; i++) {
            assertThat(inBatches.get(i)).as("frame of page %d, in batches", i).isEqualTo(m.pagePfn(i));
        }
        assertThat(multi).as("pages with several owners").isPositive();
        for (int mp = 0; mp < pss.length; mp++) {
            assertThat(m.mappingPss(mp)).as("PSS of mapping %d", mp).isCloseTo(pss[mp], within(1e-6));
        }
    }
}
