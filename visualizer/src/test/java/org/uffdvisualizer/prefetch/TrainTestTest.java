package org.uffdvisualizer.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.progress.ProgressListener;

/** Sets are scored on runs they were not built from, and a score on the training run always says so. */
class TrainTestTest {
    private final RestoreRun r1 = Runs.of("r1", 1, 2, 3, 4);
    private final RestoreRun r2 = Runs.of("r2", 1, 2, 3, 5);
    private final RestoreRun r3 = Runs.of("r3", 2, 3, 4, 6);

    private static PrefetchReport run(TrainTest split) {
        return WhatIf.run(split, null, List.of(), CostModel.defaults(), ProgressListener.NONE);
    }

    /** Every outcome's flag is the truth: it is scored on a run it was trained on exactly when it says so. */
    private static void assertHonest(PrefetchReport report) {
        for (Outcome o : report.outcomes()) {
            assertThat(o.scoredOnTraining()).as(o.name() + " on " + o.test() + " trained on " + o.train())
                    .isEqualTo(o.train().contains(o.test()));
        }
    }

    @Test
    void byDefaultTheFirstRunTrainsAndEveryOtherIsScored() {
        PrefetchReport report = run(TrainTest.defaultSplit(List.of(r1, r2, r3)));
        assertThat(report.train()).containsExactly("r1");
        assertThat(report.test()).containsExactly("r2", "r3");
        assertHonest(report);
        assertThat(report.scoredOnTraining()).isFalse();
        assertThat(report.outcomes()).noneMatch(Outcome::scoredOnTraining);
        // union and intersection leave the scored run out: r2 is scored by the union of r1 and r3
        Outcome union = report.outcomesOf("r2").stream().filter(o -> o.strategy().equals("union")).findFirst().orElseThrow();
        assertThat(union.train()).containsExactly("r1", "r3");
        assertThat(union.faultsLeft()).isEqualTo(1);       // page 5
    }

    @Test
    void theUsersSplitIsHonoured() {
        PrefetchReport report = run(TrainTest.of(List.of(r1, r2, r3), List.of(r2), List.of(r3)));
        assertThat(report.test()).containsExactly("r3");
        Outcome recorded = report.outcomes().stream().filter(o -> o.strategy().equals("recorded")).findFirst().orElseThrow();
        assertThat(recorded.train()).containsExactly("r2");
        assertThat(recorded.faultsLeft()).isEqualTo(2);    // 4 and 6 are not in r2
        assertHonest(report);
    }

    @Test
    void aSingleRunIsScoredOnItselfAndSaysSoEverywhere() {
        PrefetchReport report = run(TrainTest.defaultSplit(List.of(r1)));
        assertThat(report.test()).containsExactly("r1");
        assertHonest(report);
        assertThat(report.scoredOnTraining()).isTrue();
        assertThat(report.notes()).anyMatch(n -> n.startsWith("scored on the training run"));
        assertThat(report.outcomes()).filteredOn(o -> o.strategy().equals("recorded")).singleElement()
                .matches(Outcome::scoredOnTraining);
        StringWriter text = new StringWriter();
        PrefetchText.write(report, null, new PrintWriter(text));
        assertThat(text.toString()).contains("THE TRAINING RUN ITSELF").contains("(=test)")
                .contains("not judged (scored on the training run)");
    }

    @Test
    void theBestFaultAroundIsInTheTable() {
        RestoreRun sequential = Runs.of("seq", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        // with a fault dearer than 16 pages, one fault fetching all 16 pages is cheapest
        int best = WhatIf.bestAround(sequential, new CostModel(1_000_000, 4_096_000_000L));
        assertThat(best).isEqualTo(15);
        PrefetchReport report = WhatIf.run(TrainTest.defaultSplit(List.of(sequential)), null, List.of(),
                new CostModel(1_000_000, 4_096_000_000L), ProgressListener.NONE);
        assertThat(report.bestAround()).containsExactly(15);
        assertThat(report.outcomes()).extracting(Outcome::strategy).contains("around-15");
    }
}
