package org.uffdvisualizer.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three restores of one hand-built snapshot: matched by guest-physical address, their stability known. */
class StabilityTest {
    private static final long P = SmallCapture.PAGE;

    @TempDir
    Path tmp;

    /** 8 resident pages: heap frames 0x100..0x103, libjvm 0x200..0x202, libzip 0x300. */
    private List<ComparedRun> threeRestores() throws Exception {
        SmallCapture snapshot = new SmallCapture(tmp.resolve("snap"), 100, "/opt/jdk-17/bin/java")
                .mapping(0x1000_0000L, 0x1000_0000L + 16 * P, "", 4, 0x100)
                .mapping(0x7f00_0000_0000L, 0x7f00_0000_4000L, "/opt/jdk-17/lib/server/libjvm.so", 3, 0x200)
                .mapping(0x7f00_0001_0000L, 0x7f00_0001_1000L, "/opt/jdk-17/lib/libzip.so", 1, 0x300)
                .nmtRegion(0x1000_0000L, 0x1000_0000L + 16 * P, "Java Heap");
        return List.of(
                ComparedRun.of(snapshot.fault(0x100, false).fault(0x101, false).fault(0x102, false).fault(0x200, false)
                        .load("uffd.log")),
                ComparedRun.of(snapshot.fault(0x100, false).fault(0x101, false).fault(0x200, false).fault(0x201, false)
                        .load("uffd-restore-2.log")),
                ComparedRun.of(snapshot.fault(0x200, false).fault(0x100, false).fault(0x102, false).fault(0x300, false)
                        .load("uffd-restore-3.log")));
    }

    @Test
    void restoresOfOneSnapshotAreMatchedByGuestPhysicalAddress() throws Exception {
        CaptureComparison c = CaptureComparison.of(threeRestores(), 0);
        assertThat(c.sameSnapshot(0, 2)).isTrue();
        RunOverlap o = c.overlaps().get(0);
        assertThat(o.basis()).isEqualTo(MatchBasis.PHYSICAL);
        assertThat(List.of(o.overall().baselineOnly(), o.overall().otherOnly(), o.overall().both()))
                .containsExactly(1L, 1L, 3L);
        // The restores share a directory (read now that it holds all three): which restore each is tells them apart.
        assertThat(c.runs().stream().map(r -> RunFacts.of(r.loaded()).name()))
                .containsExactly("snap · restore 1", "snap · restore 2", "snap · restore 3");
        assertThat(RunFacts.of(c.runs().get(1).loaded()).narrowLabel()).isEqualTo("restore 2 · snap (JDK 17)");
    }

    @Test
    void everySomeOneAndNoRunAndTheMedianPairwiseJaccard() throws Exception {
        Stability s = CaptureComparison.of(threeRestores(), 0).stability().orElseThrow();
        assertThat(s.runs()).containsExactly(0, 1, 2);
        assertThat(List.of(s.everyRun(), s.someRuns(), s.oneRun(), s.noRun())).containsExactly(2L, 2L, 2L, 2L);
        // Pairs: 3/5, 3/5, 2/6.
        assertThat(s.medianJaccard()).isCloseTo(0.6, within(1e-12));
        Stability.OwnerStability heap = s.byOwner().stream().filter(o -> o.name().equals("Java Heap")).findFirst()
                .orElseThrow();
        assertThat(heap.medianJaccard()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(heap.pagesInAny()).isEqualTo(3);
        assertThat(heap.pagesInEvery()).isEqualTo(1);
        assertThat(List.of(s.runsFaulted(0x100), s.runsFaulted(0x101), s.runsFaulted(0x201), s.runsFaulted(0x103)))
                .containsExactly(3, 2, 1, 0);
    }

    @Test
    void twoRestoresHaveNoStabilityView() throws Exception {
        assertThat(CaptureComparison.of(threeRestores().subList(0, 2), 0).stability()).isEmpty();
    }
}
