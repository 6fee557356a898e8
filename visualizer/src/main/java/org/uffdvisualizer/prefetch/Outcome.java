package org.uffdvisualizer.prefetch;

import java.util.List;

/**
 * How one strategy would have done on one restore (the test run).
 *
 * @param strategy          the strategy's name ({@link Strategy#label()})
 * @param selection         the selection its set was restricted to, or null for all pages
 * @param train             the runs its set was built from (empty for strategies without one)
 * @param test              the run it was scored on
 * @param scoredOnTraining  whether the test run is one of the training runs: the score then says
 *                          how well a set replays its own restore, not how it predicts another
 * @param demandFaults      demand faults of the test run without prefetching (the baseline)
 * @param faultsLeft        demand faults that would still happen
 * @param bytesFetched      bytes brought in: prefetched, fetched around faults, and demand faults
 * @param bytesWasted       of those, bytes the test run never touched
 * @param prefetchExtents   I/O extents of the prefetch itself (0 without one)
 * @param extents           every I/O: the prefetch's extents and one per demand fault
 * @param estimatedNanos    restore time to the test run's last touch, by the cost model
 */
public record Outcome(String strategy, String selection, List<String> train, String test, boolean scoredOnTraining,
        int demandFaults, int faultsLeft, long bytesFetched, long bytesWasted, int prefetchExtents, int extents,
        long estimatedNanos) {

    /** Demand faults a strategy should avoid on a restore it was not built from, in percent. */
    public static final double GOAL_AVOIDED_PERCENT = 90;
    /** Fetched bytes it may waste, in percent. */
    public static final double GOAL_WASTED_PERCENT = 25;

    public Outcome {
        train = List.copyOf(train);
    }

    /** The strategy with its selection, as tables show it. */
    public String name() {
        return selection == null ? strategy : strategy + " [" + selection + "]";
    }

    public int faultsAvoided() {
        return demandFaults - faultsLeft;
    }

    /** Demand faults avoided, in percent of the baseline's. */
    public double faultsAvoidedPercent() {
        return demandFaults == 0 ? 0 : 100.0 * faultsAvoided() / demandFaults;
    }

    /** Bytes wasted, in percent of the bytes fetched. */
    public double wastedPercent() {
        return bytesFetched == 0 ? 0 : 100.0 * bytesWasted / bytesFetched;
    }

    /** The goal, on a held-out restore: at least 90% of demand faults avoided, at most 25% of bytes wasted. */
    public boolean meetsGoal() {
        return !scoredOnTraining && faultsAvoidedPercent() >= GOAL_AVOIDED_PERCENT && wastedPercent() <= GOAL_WASTED_PERCENT;
    }
}
