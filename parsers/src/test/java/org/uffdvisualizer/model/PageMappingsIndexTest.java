package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The by-frame index against a map from frame to owning entries, built the plain way. */
class PageMappingsIndexTest {
    /**
     * A builder sized for few entries marks the frames in use as pages come; one sized for
     * millions leaves that to {@code build()}: both must give the same index.
     */
    @ParameterizedTest
    @ValueSource(ints = {16, 1 << 22})
    void framesScatteredOverManyBucketsAndOneFarAwayAreIndexedInOrder(int expectedEntries) {
        Random random = new Random(5);
        PageMappings.Builder b = PageMappings.builder(expectedEntries);
        Map<Integer, List<Integer>> owners = new TreeMap<>();
        int entry = 0;
        for (int s = 0; s < 5; s++) {
            b.section(100 + s, "p" + s);
            b.mapping(0x1000, 0x100000, "m");
            for (int i = 0; i < 3000; i++) {
                // Mostly within 40 buckets of 2^16 frames, shared between sections now and then.
                int pfn = random.nextInt(8) == 0 ? 1000 + random.nextInt(50) : random.nextInt(40 << 16);
                b.page(0x1000L * i, pfn, 0);
                owners.computeIfAbsent(pfn, k -> new ArrayList<>()).add(entry++);
            }
        }
        b.section(0, "kernel");
        b.mapping(0, 1L << 43, "far");
        for (int pfn : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 1000}) {
            b.page(0, pfn, 0);
            owners.computeIfAbsent(pfn, k -> new ArrayList<>()).add(entry++);
        }
        PageMappings m = b.build();

        assertThat(m.pageCount()).isEqualTo(owners.size());
        int i = 0;
        for (Map.Entry<Integer, List<Integer>> page : owners.entrySet()) {
            assertThat(m.pagePfn(i)).isEqualTo(page.getKey());
            List<Integer> got = new ArrayList<>();
            for (int k = m.pageFirstOwner(i); k < m.pageOwnerEnd(i); k++) {
                got.add(m.ownerEntry(k));
            }
            assertThat(got).as("owners of frame %d", page.getKey()).isEqualTo(page.getValue());
            i++;
        }
        // The last two frames grow the builder to its largest bucket count on the way.
        assertThat(m.highestPageEnd()).isEqualTo((Integer.MAX_VALUE + 1L) * PhysicalLayout.PAGE_SIZE);
    }

    @Test
    void anEmptyDumpHasNoPages() {
        PageMappings m = PageMappings.builder().section(1, "x").mapping(0, 4096, "m").build();
        assertThat(m.pageCount()).isZero();
        assertThat(m.entryCount()).isZero();
    }
}
