package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The by-frame index against a map from frame to owning entries, built the plain way. */
class PageMappingsIndexTest {
    /**
     * A builder sized for few entries marks the frames in use as pages come; one sized for
     * millions leaves that to {@code build()}: both must give the same index. Dumps of 4 M entries
     * or more are indexed on two threads; here that threshold is lowered so that the two-thread
     * path runs on this small dump, alone and with frames the builder marked.
     */
    @ParameterizedTest(name = "expected entries {0}, two threads from {1} entries")
    @CsvSource({"16, 4194304", "4194304, 4194304", "16384, 1024", "16, 1024"})
    void framesScatteredOverManyBucketsAndOneFarAwayAreIndexedInOrder(int expectedEntries, int parallelEntries) {
        Random random = new Random(5);
        PageMappingsBuilder b = PageMappings.builder(expectedEntries, parallelEntries);
        Map<Integer, List<Integer>> owners = new TreeMap<>();
        List<Integer> entryMapping = new ArrayList<>();
        List<Integer> entrySection = new ArrayList<>();
        int entry = 0;
        int mapping = 0;
        for (int s = 0; s < 5; s++) {
            b.section(100 + s, "p" + s);
            for (int part = 0; part < 2; part++) {
                b.mapping(0x100000L * part, 0x100000L * (part + 1), "m" + part);
                for (int i = 0; i < 1500; i++) {
                    // Mostly within 40 buckets of 2^16 frames, shared between sections now and then.
                    int pfn = random.nextInt(8) == 0 ? 1000 + random.nextInt(50) : random.nextInt(40 << 16);
                    b.page(0x1000L * i, pfn, 0);
                    owners.computeIfAbsent(pfn, k -> new ArrayList<>()).add(entry++);
                    entryMapping.add(mapping);
                    entrySection.add(s);
                }
                mapping++;
            }
        }
        b.section(0, "kernel");
        b.mapping(0, 1L << 43, "far");
        for (int pfn : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1000}) {
            b.page(0, pfn, 0);
            owners.computeIfAbsent(pfn, k -> new ArrayList<>()).add(entry++);
            entryMapping.add(mapping);
            entrySection.add(5);
        }
        PageMappings m = b.build();

        assertThat(m.pageCount()).isEqualTo(owners.size());
        assertThat(inBatches(m)).as("frames walked in batches").containsExactlyElementsOf(owners.keySet());
        double[] pss = new double[mapping + 1];
        int i = 0;
        int next = m.nextOwnedFrame(0);
        for (Map.Entry<Integer, List<Integer>> page : owners.entrySet()) {
            assertThat(m.pagePfn(i)).isEqualTo(page.getKey());
            assertThat(next).as("page %d visited in order", i).isEqualTo(page.getKey());
            assertThat(m.pageIndex(page.getKey())).isEqualTo(i);
            next = m.nextOwnedFrame(page.getKey() + 1);    // past Integer.MAX_VALUE: negative, so -1
            List<Integer> got = new ArrayList<>();
            for (int k = m.pageFirstOwner(i); k < m.pageOwnerEnd(i); k++) {
                got.add(m.ownerEntry(k));
            }
            assertThat(got).as("owners of frame %d", page.getKey()).isEqualTo(page.getValue());
            Set<Integer> sections = new HashSet<>();
            Set<Integer> processes = new HashSet<>();
            for (int e : page.getValue()) {
                sections.add(entrySection.get(e));
                if (entrySection.get(e) < 5) {
                    processes.add(entrySection.get(e));
                }
            }
            assertThat(m.pageOwnerCount(i)).as("owners of frame %d", page.getKey()).isEqualTo(sections.size());
            for (int e : page.getValue()) {
                if (entrySection.get(e) < 5) {
                    pss[entryMapping.get(e)] += 1.0 / processes.size();
                }
            }
            i++;
        }
        for (int k = 0; k < mapping; k++) {
            assertThat(m.mappingPss(k)).as("PSS of mapping %d", k).isCloseTo(pss[k], within(1e-6));
        }
        assertThat(m.mappingPss(mapping)).isZero();        // kernel: no PSS
        // The last two frames grow the builder to its largest bucket count on the way.
        assertThat(m.highestPageEnd()).isEqualTo((Integer.MAX_VALUE + 1L) * PhysicalLayout.PAGE_SIZE);
    }

    @Test
    void anEmptyDumpHasNoPages() {
        PageMappings m = PageMappings.builder().section(1, "x").mapping(0, 4096, "m").build();
        assertThat(m.pageCount()).isZero();
        assertThat(m.entryCount()).isZero();
        assertThat(m.nextOwnedFrame(0)).isEqualTo(-1);
        assertThat(inBatches(m)).isEmpty();
    }

    /** The owned frames as {@link OwnedFrames} gives them, a batch at a time. */
    static List<Integer> inBatches(PageMappings m) {
        List<Integer> frames = new ArrayList<>();
        OwnedFrames owned = m.ownedFrames();
        for (int n = owned.fill(); n > 0; n = owned.fill()) {
            for (int k = 0; k < n; k++) {
                frames.add(owned.frames()[k]);
            }
        }
        assertThat(owned.fill()).as("after the end").isZero();
        return frames;
    }
}
