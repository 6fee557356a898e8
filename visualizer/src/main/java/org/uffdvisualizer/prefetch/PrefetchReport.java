package org.uffdvisualizer.prefetch;

import java.util.List;

/**
 * Everything {@code prefetch} prints and the window's What-If panel shows: the runs, the split,
 * the cost model, one outcome per strategy and scored run, and the best fault-around per
 * scored run.
 *
 * @param runs        every run read (file names)
 * @param train       the runs sets were trained on
 * @param test        the runs scored
 * @param cost        the cost model of the estimated times
 * @param outcomes    per scored run (in {@code test} order), the strategies in table order
 * @param bestAround  per scored run, the fault-around K (1-512) with the lowest estimated time
 * @param notes       what the user must know to read the table (e.g. scored on the training run)
 */
public record PrefetchReport(List<String> runs, List<String> train, List<String> test, CostModel cost,
        List<Outcome> outcomes, List<Integer> bestAround, List<String> notes) {

    public PrefetchReport {
        runs = List.copyOf(runs);
        train = List.copyOf(train);
        test = List.copyOf(test);
        outcomes = List.copyOf(outcomes);
        bestAround = List.copyOf(bestAround);
        notes = List.copyOf(notes);
    }

    /** Whether any outcome is scored on a run its set was built from. */
    public boolean scoredOnTraining() {
        return outcomes.stream().anyMatch(Outcome::scoredOnTraining);
    }

    /** The outcomes scored on {@code run}. */
    public List<Outcome> outcomesOf(String run) {
        return outcomes.stream().filter(o -> o.test().equals(run)).toList();
    }
}
