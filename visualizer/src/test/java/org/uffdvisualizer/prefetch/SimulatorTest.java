package org.uffdvisualizer.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;

/**
 * Every strategy on hand-built runs whose answers are worked out by hand in the comments: a cost
 * model of 1 us per fault and 1 us per 4 KiB page fetched ahead.
 */
class SimulatorTest {
    private static final CostModel COST = new CostModel(1_000, 4_096_000_000L);
    private static final long PAGE = Runs.PAGE;
    /** Training run: pages 10, 11, 12, 20, 30. */
    private final RestoreRun a = Runs.of("a", 10, 11, 12, 20, 30);
    /** Test run: pages 10, 11, 12, 13, 20, 40. */
    private final RestoreRun b = Runs.of("b", 10, 11, 12, 13, 20, 40);
    /** Second training run: pages 12, 11, 50. */
    private final RestoreRun c = Runs.of("c", 12, 11, 50);

    private static Outcome score(Strategy s, List<RestoreRun> train, RestoreRun test) {
        return Simulator.score(s, train, test, null, null, COST);
    }

    private static void assertOutcome(Outcome o, int faultsLeft, long pagesFetched, long pagesWasted, int prefetchExtents,
            long nanos) {
        assertThat(o.faultsLeft()).as("faults left").isEqualTo(faultsLeft);
        assertThat(o.bytesFetched()).as("bytes fetched").isEqualTo(pagesFetched * PAGE);
        assertThat(o.bytesWasted()).as("bytes wasted").isEqualTo(pagesWasted * PAGE);
        assertThat(o.prefetchExtents()).as("prefetch extents").isEqualTo(prefetchExtents);
        assertThat(o.extents()).as("extents").isEqualTo(prefetchExtents + faultsLeft);
        assertThat(o.estimatedNanos()).as("estimated time").isEqualTo(nanos);
    }

    @Test
    void noneFaultsEveryPageOnce() {
        Outcome o = score(Strategy.NONE, List.of(), b);
        assertThat(o.demandFaults()).isEqualTo(6);
        assertOutcome(o, 6, 6, 0, 0, 6_000);
        assertThat(o.faultsAvoidedPercent()).isZero();
    }

    @Test
    void faultAroundFetchesTheNextPages() {
        // 10 fetches 11 (avoided); 12 fetches 13 (avoided); 20 fetches 21, 40 fetches 41 (both wasted)
        assertOutcome(score(Strategy.around(1), List.of(), b), 4, 8, 2, 0, 4 * 1_000 + 4 * 1_000);
        // 10 fetches 11-13 (all touched); 20 fetches 21-23 and 40 fetches 41-43 (all six wasted)
        assertOutcome(score(Strategy.around(3), List.of(), b), 3, 12, 6, 0, 3 * 1_000 + 9 * 1_000);
    }

    @Test
    void everyPageHasItsFate() {
        PageFates around = Simulator.fates(Strategy.around(1), List.of(), b, null, COST);
        assertThat(pagesWith(around, PageFates.STILL_FAULTS)).containsExactly(10, 12, 20, 40);
        assertThat(pagesWith(around, PageFates.PREFETCHED)).containsExactly(11, 13);
        assertThat(pagesWith(around, PageFates.WASTED)).containsExactly(21, 41);
        PageFates recorded = Simulator.fates(Strategy.RECORDED, List.of(a), b, null, COST);
        assertThat(pagesWith(recorded, PageFates.STILL_FAULTS)).containsExactly(13, 40);
        assertThat(pagesWith(recorded, PageFates.PREFETCHED)).containsExactly(10, 11, 12, 20);
        assertThat(pagesWith(recorded, PageFates.WASTED)).containsExactly(30);
    }

    private static List<Integer> pagesWith(PageFates fates, byte fate) {
        List<Integer> pages = new java.util.ArrayList<>();
        for (int p = fates.next(0); p >= 0; p = fates.next(p + 1)) {
            if (fates.of(p) == fate) {
                pages.add(p);
            }
        }
        return pages;
    }

    @Test
    void faultAroundStopsAtTheEndOfTheMemoryFile() {
        RestoreRun end = Runs.of("end", 62);
        assertOutcome(score(Strategy.around(7), List.of(), end), 1, 2, 1, 0, 1_000 + 1_000);
    }

    @Test
    void blockFetchesTheAligned2MiBBlockWithinTheFile() {
        // the 64-page file is one block: the first fault brings it all
        assertOutcome(score(Strategy.BLOCK_2M, List.of(), b), 1, 64, 58, 0, 1_000 + 63 * 1_000);
    }

    @Test
    void recordedSetIsInstalledBeforeResume() {
        // set {10, 11, 12, 20, 30} in 3 extents (10-12, 20, 30): 5 pages installed, 13 and 40 still fault, 30 wasted
        assertOutcome(score(Strategy.RECORDED, List.of(a), b), 2, 7, 1, 3, 5 * 1_000 + 2 * 1_000);
    }

    @Test
    void backgroundExtentsArriveInFirstTouchOrderWhileTheGuestRuns() {
        // extents-8: 10..20 is one extent (gap 7 <= 8, pages 13-19 fetched with it), 30 another (gap 9);
        // they arrive at 11 us and 12 us. Without times the guest does nothing but touch: every touch
        // comes before 11 us, so all 6 pages fault. Fetched: 10-20, 30, 40 = 13 pages; touched 6.
        assertOutcome(score(Strategy.extents(8), List.of(a), b), 6, 13, 7, 2, 6 * 1_000);
        // 20 us between touches (19 us of guest work each): only the first touch comes too early, and 40.
        RestoreRun slow = Runs.timed("b", 20_000, 10, 11, 12, 13, 20, 40);
        assertOutcome(score(Strategy.extents(8), List.of(a), slow), 2, 13, 7, 2, 1_000 + 5 * 19_000 + 1_000);
    }

    @Test
    void gapZeroGroupsOnlyContiguousPages() {
        InstallPlan plan = Simulator.plan(Strategy.extents(0), List.of(a), null);
        assertThat(plan.extents()).isEqualTo(3);
        assertThat(plan.start(0)).isEqualTo(10);
        assertThat(plan.length(0)).isEqualTo(3);
        assertThat(plan.pages()).isEqualTo(5);
    }

    @Test
    void unionAndIntersectionOfTwoRecordings() {
        // union of a and c, by earliest relative position: 10 (a, 0), 12 (c, 0), 11 (a, 1/5), 20, 50 (c, 2/3), 30
        InstallPlan union = Simulator.plan(Strategy.UNION, List.of(a, c), null);
        assertThat(starts(union)).containsExactly(10, 12, 11, 20, 50, 30);
        assertOutcome(score(Strategy.UNION, List.of(a, c), b), 2, 8, 2, 6, 6 * 1_000 + 2 * 1_000);
        // intersection: 11 and 12 only, 12 first (first touch of c)
        InstallPlan both = Simulator.plan(Strategy.INTERSECTION, List.of(a, c), null);
        assertThat(starts(both)).containsExactly(12, 11);
        assertOutcome(score(Strategy.INTERSECTION, List.of(a, c), b), 4, 6, 0, 2, 2 * 1_000 + 4 * 1_000);
    }

    @Test
    void combiningNeedsTwoRecordings() {
        assertThatThrownBy(() -> score(Strategy.UNION, List.of(a), b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two or more");
    }

    @Test
    void selectionRestrictsTheSet() {
        Outcome o = Simulator.score(Strategy.RECORDED, List.of(a), b, p -> p < 15, "low pages", COST);
        // set {10, 11, 12}: 13, 20, 40 fault
        assertOutcome(o, 3, 6, 0, 1, 3 * 1_000 + 3 * 1_000);
        assertThat(o.name()).isEqualTo("recorded [low pages]");
    }

    @Test
    void anOutcomeSaysWhenItIsScoredOnItsTrainingRun() {
        assertThat(score(Strategy.RECORDED, List.of(a), a).scoredOnTraining()).isTrue();
        assertThat(score(Strategy.RECORDED, List.of(a), a).faultsLeft()).isZero();
        assertThat(score(Strategy.RECORDED, List.of(a), b).scoredOnTraining()).isFalse();
        assertThat(score(Strategy.UNION, List.of(a, b), b).scoredOnTraining()).isTrue();
        assertThat(score(Strategy.RECORDED, List.of(a), a).meetsGoal()).as("never judged on its training run").isFalse();
    }

    @Test
    void zeroFilledPagesAreMarkedAndRemovedRangesLeftOut() {
        // host = HOST + offset; REMOVE gives back pages 5-6 after page 5 was loaded; 7 was zero-filled
        FaultTrace.Builder t = FaultTrace.builder().memoryFileSize(64 * PAGE).region(Runs.HOST, 64 * PAGE, 0);
        t.fault(0, Runs.HOST + 5 * PAGE, 5 * PAGE, 1, -1, -1, -1, 1);
        t.fault(FaultTrace.ZEROED, Runs.HOST + 7 * PAGE, 7 * PAGE, 1, -1, -1, -1, 2);
        t.fault(0, Runs.HOST + 8 * PAGE, 8 * PAGE, 1, -1, -1, -1, 3);
        t.remove(Runs.HOST + 5 * PAGE, Runs.HOST + 7 * PAGE, 4);
        t.fault(FaultTrace.ZEROED, Runs.HOST + 6 * PAGE, 6 * PAGE, 1, -1, -1, -1, 5);
        RestoreRun run = RestoreRun.of("r", t.build(MemoryLayout.X86_64));
        assertThat(run.removedRanges()).isEqualTo(1);
        InstallPlan plan = Simulator.plan(Strategy.RECORDED, List.of(run), null);
        // 5 and 6 left out; 7 zero, 8 data: two extents (kinds differ) in first-touch order
        assertThat(starts(plan)).containsExactly(7, 8);
        assertThat(plan.isZero(0)).isTrue();
        assertThat(plan.isZero(1)).isFalse();
    }

    @Test
    void hugePageFaultsCountOnceAndFetch512Pages() {
        FaultTrace.Builder t = FaultTrace.builder().memoryFileSize(1024 * PAGE);
        t.fault(0, Runs.HOST, 0, 512, -1, -1, -1, 1);
        t.fault(0, Runs.HOST + 512 * PAGE, 512 * PAGE, 512, -1, -1, -1, 2);
        RestoreRun run = RestoreRun.of("huge", t.build(MemoryLayout.X86_64));
        assertThat(run.faults()).isEqualTo(2);
        assertThat(run.touchedPages()).isEqualTo(1024);
        Outcome none = score(Strategy.NONE, List.of(), run);
        assertThat(none.bytesFetched()).isEqualTo(1024 * PAGE);
        assertThat(score(Strategy.RECORDED, List.of(run), run).faultsLeft()).isZero();
    }

    @Test
    void strategiesParseByName() {
        assertThat(Strategy.parse("around-15")).isEqualTo(Strategy.around(15));
        assertThat(Strategy.parse("extents-8").label()).isEqualTo("extents-8");
        assertThat(Strategy.parse("Block-2M")).isEqualTo(Strategy.BLOCK_2M);
        assertThatThrownBy(() -> Strategy.parse("around-513")).hasMessageContaining("1 to 512");
        assertThatThrownBy(() -> Strategy.parse("reap")).hasMessageContaining("unknown strategy 'reap'");
    }

    private static int[] starts(InstallPlan plan) {
        int[] s = new int[plan.extents()];
        for (int e = 0; e < s.length; e++) {
            s[e] = plan.start(e);
        }
        return s;
    }
}
