package org.uffdvisualizer.prefetch;

import java.util.ArrayList;
import java.util.List;

/**
 * Which recorded restores build the sets and which score them. By default the first run trains
 * and every other one is scored: a set is judged on a restore it was not built from. With a
 * single run it can only be scored on its own training run, and every outcome says so.
 *
 * @param runs          every run read, in the order given
 * @param train         the runs sets are built from (the first trains single-run strategies)
 * @param test          the runs strategies are scored on
 * @param explicitTrain whether the user named the training runs; otherwise union and
 *                      intersection train on every run but the one scored (leave one out)
 */
public record TrainTest(List<RestoreRun> runs, List<RestoreRun> train, List<RestoreRun> test, boolean explicitTrain) {

    public TrainTest {
        runs = List.copyOf(runs);
        train = List.copyOf(train);
        test = List.copyOf(test);
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException("need at least one run to train on and one to score");
        }
    }

    /** Train on the first run, score on each other one (on the first itself when it is alone). */
    public static TrainTest defaultSplit(List<RestoreRun> runs) {
        return of(runs, List.of(), List.of());
    }

    /**
     * The split the user asked for: {@code train} (empty: the first run) and {@code test} (empty:
     * every run not trained on, or the training run itself when no other exists).
     */
    public static TrainTest of(List<RestoreRun> runs, List<RestoreRun> train, List<RestoreRun> test) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no restore trace to simulate");
        }
        List<RestoreRun> trainOn = train.isEmpty() ? List.of(runs.get(0)) : train;
        List<RestoreRun> scoreOn = test;
        if (scoreOn.isEmpty()) {
            scoreOn = new ArrayList<>(runs);
            scoreOn.removeIf(trainOn::contains);
            if (scoreOn.isEmpty()) {
                scoreOn = List.of(trainOn.get(0));
            }
        }
        return new TrainTest(runs, trainOn, scoreOn, !train.isEmpty());
    }

    /** Whether some run is scored on its own training data (a single trace, or the user's choice). */
    public boolean scoresOnTraining() {
        return test.stream().anyMatch(train::contains);
    }

    /** The runs union and intersection are built from when {@code scored} is scored. */
    public List<RestoreRun> combinedTraining(RestoreRun scored) {
        if (explicitTrain) {
            return train;
        }
        List<RestoreRun> others = new ArrayList<>(runs);
        others.remove(scored);
        return others;
    }
}
