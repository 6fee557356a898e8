package org.uffdvisualizer.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.LoadedCapture;

/**
 * Two hand-built captures whose answers are known: different PIDs, different virtual and
 * physical addresses, the same owners. The heap's NMT region starts inside its mapping, so only
 * offsets within the region match its pages; libjvm.so's pages match by offset within the mapping.
 */
class CaptureComparisonTest {
    private static final long HEAP_A = 0x1000_0000L;
    private static final long HEAP_B = 0x2000_0000L;
    private static final long LIB_A = 0x7f00_0000_0000L;
    private static final long LIB_B = 0x7e00_1234_0000L;
    private static final long P = SmallCapture.PAGE;

    @TempDir
    Path tmp;

    private LoadedCapture a;
    private LoadedCapture b;

    @BeforeEach
    void captures() throws Exception {
        // A: pid 100, heap region = mapping, 4 resident pages on frames 0x100..; libjvm 3 pages; libzip 1 page.
        a = new SmallCapture(tmp.resolve("a"), 100, "/opt/jdk-17/bin/java")
                .mapping(HEAP_A, HEAP_A + 16 * P, "", 4, 0x100)
                .mapping(LIB_A, LIB_A + 4 * P, "/opt/jdk-17/lib/server/libjvm.so", 3, 0x200)
                .mapping(LIB_A + 0x10000, LIB_A + 0x11000, "/opt/jdk-17/lib/libzip.so", 1, 0x300)
                .nmtRegion(HEAP_A, HEAP_A + 16 * P, "Java Heap")
                .fault(0x100, false).fault(0x101, false).fault(0x102, false)
                .fault(0x200, false).fault(0x201, false)
                .load();
        // B: pid 200; its heap mapping starts 2 pages before the NMT region, so region page k is mapping page k + 2.
        // 6 resident heap pages (region pages 0..5 on frames 0x502..0x507), libjvm elsewhere, libnio new.
        b = new SmallCapture(tmp.resolve("b"), 200, "/opt/jdk-17/bin/java")
                .mapping(HEAP_B - 2 * P, HEAP_B + 16 * P, "", 8, 0x500)
                .mapping(LIB_B, LIB_B + 4 * P, "/opt/jdk-17/lib/server/libjvm.so", 3, 0x900)
                .mapping(LIB_B + 0x20000, LIB_B + 0x21000, "/opt/jdk-17/lib/libnio.so", 1, 0xa00)
                .nmtRegion(HEAP_B, HEAP_B + 16 * P, "Java Heap")
                // heap region pages 1, 2, 3 (frames 0x503..0x505), page 3 zero-filled; libjvm pages 1, 2; libnio page 0
                .fault(0x503, false).fault(0x504, false).fault(0x505, true)
                .fault(0x901, false).fault(0x902, false)
                .fault(0xa00, false)
                .load();
    }

    private CaptureComparison compare() {
        return CaptureComparison.of(List.of(ComparedRun.of(a), ComparedRun.of(b)), 0);
    }

    private static FaultOverlap owner(RunOverlap o, String name) {
        return o.byOwner().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void pagesOfTheHeapMatchByOffsetWithinTheirNmtRegion() {
        RunOverlap o = compare().overlaps().get(0);
        assertThat(o.basis()).isEqualTo(MatchBasis.OWNER);
        FaultOverlap heap = owner(o, "Java Heap");
        assertThat(heap.kind()).isEqualTo("nmt");
        assertThat(heap.process()).isEqualTo("java");
        // A faulted region pages {0, 1, 2}, B {1, 2, 3}.
        assertThat(List.of(heap.baselineOnly(), heap.otherOnly(), heap.both())).containsExactly(1L, 1L, 2L);
        assertThat(heap.jaccard()).isEqualTo(0.5);
    }

    @Test
    void pagesOfALibraryMatchByOffsetWithinTheMappingWhateverItsAddress() {
        RunOverlap o = compare().overlaps().get(0);
        FaultOverlap libjvm = owner(o, "/opt/jdk-17/lib/server/libjvm.so");
        assertThat(libjvm.kind()).isEqualTo("mapping");
        assertThat(List.of(libjvm.baselineOnly(), libjvm.otherOnly(), libjvm.both())).containsExactly(1L, 1L, 1L);
        assertThat(libjvm.jaccard()).isCloseTo(1.0 / 3, within(1e-12));
        FaultOverlap libnio = owner(o, "/opt/jdk-17/lib/libnio.so");
        assertThat(List.of(libnio.baselineOnly(), libnio.otherOnly(), libnio.both())).containsExactly(0L, 1L, 0L);
    }

    @Test
    void theOverallOverlapAddsTheOwners() {
        FaultOverlap all = compare().overlaps().get(0).overall();
        assertThat(List.of(all.baselineOnly(), all.otherOnly(), all.both())).containsExactly(2L, 3L, 3L);
        assertThat(all.jaccard()).isEqualTo(3.0 / 8);
    }

    @Test
    void rowsMatchByExecutableAndNameNotByPid() {
        CaptureComparison c = compare();
        ComparisonRow java = row(c, RowKind.PROCESS, "java");
        assertThat(java.presence(1)).isEqualTo(Presence.BOTH);
        assertThat(java.figures(0).residentBytes()).isEqualTo(8 * P);
        assertThat(java.figures(1).residentBytes()).isEqualTo(12 * P);
        assertThat(java.delta(1, Measure.RESIDENT)).isEqualTo(new Delta(4 * P, 1.5));
        assertThat(java.figures(1).zeroFilledBytes()).isEqualTo(P);
        assertThat(java.figures(1).uffdLoadedBytes()).isEqualTo(5 * P);
    }

    @Test
    void touchedPagesAreCountedInRunsOfConsecutiveFrames() {
        CaptureComparison c = compare();
        // A touched frames 0x100-0x102 and 0x200-0x201; B 0x503-0x505, 0x901-0x902 and 0xa00.
        ComparisonRow java = row(c, RowKind.PROCESS, "java");
        assertThat(List.of(java.touchedExtents(0), java.touchedExtents(1))).containsExactly(2L, 3L);
        ComparisonRow heap = row(c, RowKind.NMT_CATEGORY, "Java Heap");
        assertThat(List.of(heap.touchedExtents(0), heap.touchedExtents(1))).containsExactly(1L, 1L);
        assertThat(row(c, RowKind.MAPPING, "/opt/jdk-17/lib/libnio.so").touchedExtents(0)).isEqualTo(-1);
    }

    @Test
    void nmtRowsCountTheRegionsPagesOnly() {
        ComparisonRow heap = row(compare(), RowKind.NMT_CATEGORY, "Java Heap");
        assertThat(heap.figures(0).residentBytes()).isEqualTo(4 * P);
        // B's mapping has 8 resident pages, 2 of them before the region.
        assertThat(heap.figures(1).residentBytes()).isEqualTo(6 * P);
        assertThat(heap.figures(1).virtualBytes()).isEqualTo(16 * P);
        assertThat(heap.figures(1).committedBytes()).isEqualTo(16 * P);
        assertThat(heap.figures(1).touchedBytes()).isEqualTo(3 * P);
        assertThat(heap.figures(1).zeroFilledBytes()).isEqualTo(P);
        assertThat(heap.figures(1).touchedShare()).isEqualTo(0.5);
        assertThat(heap.delta(1, Measure.RESIDENT)).isEqualTo(new Delta(2 * P, 1.5));
    }

    @Test
    void mappingsOnlyOneRunHasAppearOrDisappear() {
        CaptureComparison c = compare();
        ComparisonRow zip = row(c, RowKind.MAPPING, "/opt/jdk-17/lib/libzip.so");
        ComparisonRow nio = row(c, RowKind.MAPPING, "/opt/jdk-17/lib/libnio.so");
        assertThat(zip.presence(1)).isEqualTo(Presence.DISAPPEARED);
        assertThat(nio.presence(1)).isEqualTo(Presence.APPEARED);
        assertThat(zip.delta(1, Measure.RESIDENT)).isEqualTo(new Delta(-P, 0));
        assertThat(nio.delta(1, Measure.RESIDENT).absolute()).isEqualTo(P);
        assertThat(nio.delta(1, Measure.RESIDENT).ratio()).isNaN();
    }

    @Test
    void theBaselineCanBeTheOtherRun() {
        CaptureComparison c = CaptureComparison.of(List.of(ComparedRun.of(a), ComparedRun.of(b)), 1);
        RunOverlap o = c.overlaps().get(0);
        assertThat(o.baselineRun()).isEqualTo(1);
        assertThat(o.otherRun()).isEqualTo(0);
        assertThat(List.of(o.overall().baselineOnly(), o.overall().otherOnly())).containsExactly(3L, 2L);
        assertThat(row(c, RowKind.MAPPING, "/opt/jdk-17/lib/libzip.so").presence(0)).isEqualTo(Presence.APPEARED);
    }

    @Test
    void theReplayPositionLimitsTheTouchedPagesAndTheFaultSets() {
        // Half of B's 6 faults: the three heap pages.
        CaptureComparison c = CaptureComparison.of(List.of(ComparedRun.of(a),
                ComparedRun.of(b).at(new ReplayPoint(0.5))), 0);
        assertThat(row(c, RowKind.PROCESS, "java").figures(1).touchedBytes()).isEqualTo(3 * P);
        assertThat(row(c, RowKind.PROCESS, "java").figures(1).uffdLoadedBytes()).isEqualTo(5 * P);
        assertThat(c.faultedPages(1)).isEqualTo(3);
        assertThat(owner(c.overlaps().get(0), "/opt/jdk-17/lib/server/libjvm.so").otherOnly()).isZero();
    }

    @Test
    void aSelectionByNameResolvesInEveryCaptureWhateverThePid() {
        NamedSelection heap = NamedSelection.of("java heap");
        assertThat(heap.matchIn(a.capture())).isEqualTo(NamedSelection.Match.NMT_CATEGORY);
        assertThat(heap.resolve(a.capture()).pageCount()).isEqualTo(4);
        assertThat(heap.resolve(b.capture()).pageCount()).isEqualTo(6);
        assertThat(NamedSelection.of("libjvm.so").resolve(b.capture()).pageCount()).isEqualTo(3);
        assertThat(NamedSelection.of("java").matchIn(b.capture())).isEqualTo(NamedSelection.Match.EXECUTABLE);
        assertThat(NamedSelection.of("libzip.so").resolve(b.capture()).isEmpty()).isTrue();

        CaptureComparison c = CaptureComparison.of(List.of(ComparedRun.of(a).withSelection(heap),
                ComparedRun.of(b).withSelection(heap)), 0);
        ComparisonRow selected = row(c, RowKind.SELECTION, "java heap");
        assertThat(selected.figures(1).residentBytes()).isEqualTo(6 * P);
        assertThat(selected.figures(1).touchedBytes()).isEqualTo(3 * P);
        FaultOverlap within = c.selectionOverlaps().get(0).overall();
        assertThat(List.of(within.baselineOnly(), within.otherOnly(), within.both())).containsExactly(1L, 1L, 2L);
    }

    @Test
    void capturesOfOneExecutableAndLayoutRaiseNoWarning() {
        assertThat(compare().warnings()).isEmpty();
    }

    private static ComparisonRow row(CaptureComparison c, RowKind kind, String name) {
        return c.rows(kind).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
