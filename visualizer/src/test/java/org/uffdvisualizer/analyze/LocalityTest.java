package org.uffdvisualizer.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/** Locality figures of small hand-built traces whose answers are worked out in the comments. */
class LocalityTest {

    /** Frames 10, 11, 12, 20, 21, 5, 600, then a 2 MiB fault at 1024; fault i at i * 10 ns. */
    private static FaultTrace trace() {
        FaultTrace.Builder b = FaultTrace.builder();
        int[] pfns = {10, 11, 12, 20, 21, 5, 600};
        for (int i = 0; i < pfns.length; i++) {
            long address = (long) pfns[i] << PhysicalLayout.PAGE_SHIFT;
            b.fault(0, 0x7000_0000_0000L + address, address, 1, 1, i * 10L, address, i + 1);
        }
        b.fault(FaultTrace.ZEROED, 0x7000_0040_0000L, 1024L << 12, 512, 1, 70, 1024L << 12, 8);
        return b.build(MemoryLayout.IDENTITY);
    }

    @Test
    void runsBlocksAndTimesOfTheWholeTrace() {
        FaultLocality f = FaultLocality.of(trace());

        assertThat(f.faults()).isEqualTo(8);
        // 11 after 10, 12 after 11, 21 after 20: runs [10 11 12] [20 21] [5] [600] [1024+512].
        assertThat(f.nextPageFaults()).isEqualTo(3);
        assertThat(f.nextPageFraction()).isCloseTo(3.0 / 7, within(1e-12));
        assertThat(f.runs()).isEqualTo(5);
        assertThat(f.meanRun()).isCloseTo(1.6, within(1e-12));
        assertThat(f.longestRun()).isEqualTo(3);
        assertThat(new int[] {f.runsOfLength(1), f.runsOfLength(2), f.runsOfLength(3), f.runsOfLength(4)})
                .containsExactly(3, 1, 1, 0);
        // Block 0 holds 5, 10-12, 20, 21 (6 frames), block 1 holds 600, block 2 is full.
        assertThat(f.blocks()).isEqualTo(3);
        assertThat(f.servedFrames()).isEqualTo(519);
        assertThat(f.meanBlockFill()).isCloseTo(519.0 / 1536, within(1e-12));
        assertThat(f.blocksInFillBucket(0)).isEqualTo(1);
        assertThat(f.blocksInFillBucket(2)).isEqualTo(1);
        assertThat(f.blocksInFillBucket(9)).isEqualTo(1);
        // Ranks ceil(0.5 * 8) = 4, ceil(0.9 * 8) = ceil(0.98 * 8) = 8.
        assertThat(f.hasTimes()).isTrue();
        assertThat(new long[] {f.nanosTo50(), f.nanosTo90(), f.nanosTo98(), f.spanNanos()}).containsExactly(30, 70, 70, 70);
    }

    @Test
    void aFilterKeepsOnlyTheFaultsOnItsFrames() {
        // Frames 11, 12, 21, 5 in that order: 12 follows 11, nothing else follows.
        FaultLocality f = FaultLocality.of(trace(), pfn -> pfn == 11 || pfn == 12 || pfn == 21 || pfn == 5);

        assertThat(f.faults()).isEqualTo(4);
        assertThat(f.nextPageFaults()).isEqualTo(1);
        assertThat(f.runs()).isEqualTo(3);
        assertThat(f.blocks()).isEqualTo(1);
        assertThat(f.servedFrames()).isEqualTo(4);
        // Fault 1 (10 ns) is the first kept; rank 2 is fault 2 (20 ns), rank 4 is fault 5 (50 ns).
        assertThat(new long[] {f.nanosTo50(), f.nanosTo98()}).containsExactly(10, 40);
    }

    @Test
    void ownersCountExtentsInVirtualAndPhysicalOrder() {
        PageMappings m = PageMappings.builder().section(100, "app")
                // a: virtual pages 0x10-0x13 on frames 12, 10, 11 and the unfaulted 30.
                .mapping(0x10000, 0x14000, "a")
                .page(0x10000, 12, 0).page(0x11000, 10, 0).page(0x12000, 11, 0).page(0x13000, 30, 0)
                // b: virtual pages 0x20, 0x22, 0x23 on frames 21, 5, 20.
                .mapping(0x20000, 0x24000, "b")
                .page(0x20000, 21, 0).page(0x22000, 5, 0).page(0x23000, 20, 0)
                .build();
        Capture capture = Capture.of(m, trace(), PhysicalLayout.of(MemoryLayout.IDENTITY, 4L << 30), List.of());

        List<OwnerExtents.Owner> owners = OwnerExtents.of(capture).owners();

        assertThat(owners).containsExactly(
                new OwnerExtents.Owner("mapping", 100, "app", "a", 0, 2, 3, 1, 1),
                new OwnerExtents.Owner("mapping", 100, "app", "b", 3, 5, 3, 2, 2));
        assertThat(OwnerExtents.of(capture, pfn -> pfn != 11).owners().get(0))
                .isEqualTo(new OwnerExtents.Owner("mapping", 100, "app", "a", 0, 2, 2, 1, 2));
    }
}
