package org.uffdvisualizer.prefetch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Scores a list of strategies on every test run of a {@link TrainTest} split: the table
 * {@code prefetch} prints and the window shows. No Swing; any thread; checks for cancellation
 * between strategies.
 */
public final class WhatIf {
    /** Fault-around sizes the default table shows (the best K of 1-512 is added). */
    public static final int[] AROUND_SHOWN = {1, 7, 15, 63, 511};
    /** Gap tolerances of the FaaSnap-like rows in the default table. */
    public static final int[] GAPS_SHOWN = {0, 8, 64};
    /** The background strategy that is also shown per selection. */
    private static final Strategy SELECTED_BACKGROUND = Strategy.extents(8);

    private WhatIf() {
    }

    /** The default table's strategies, without the best fault-around (which depends on the run). */
    public static List<Strategy> defaultStrategies() {
        List<Strategy> list = new ArrayList<>();
        list.add(Strategy.NONE);
        for (int k : AROUND_SHOWN) {
            list.add(Strategy.around(k));
        }
        list.add(Strategy.BLOCK_2M);
        list.add(Strategy.RECORDED);
        for (int g : GAPS_SHOWN) {
            list.add(Strategy.extents(g));
        }
        list.add(Strategy.UNION);
        list.add(Strategy.INTERSECTION);
        return list;
    }

    /**
     * Scores {@code strategies} (null: the default table, with the best fault-around and, per
     * selection, {@code recorded} and {@code extents-8} restricted to it) on every test run.
     * Explicit strategies that install a set are scored once per selection (once unrestricted
     * when there is none).
     *
     * @throws org.uffdvisualizer.progress.CancelledException if {@code progress} asks to stop
     */
    public static PrefetchReport run(TrainTest split, List<Strategy> strategies, List<PageSelection> selections,
            CostModel cost, ProgressListener progress) {
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> best = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int done = 0;
        for (RestoreRun test : split.test()) {
            progress.checkCancelled();
            int bestK = bestAround(test, cost);
            best.add(bestK);
            for (Strategy s : tableOf(strategies, bestK)) {
                progress.checkCancelled();
                List<RestoreRun> train = s.combinesRecordings() ? split.combinedTraining(test) : split.train();
                if (s.combinesRecordings() && train.size() < 2) {
                    notes.add(s.label() + " left out: it needs two or more recorded restores besides the one scored");
                    continue;
                }
                if (!s.usesRecording()) {
                    outcomes.add(Simulator.score(s, train, test, null, null, cost));
                } else if (selections.isEmpty() || strategies == null) {
                    outcomes.add(Simulator.score(s, train, test, null, null, cost));
                }
                if (s.usesRecording() && (strategies != null || s.equals(Strategy.RECORDED)
                        || s.equals(SELECTED_BACKGROUND))) {
                    for (PageSelection sel : selections) {
                        outcomes.add(Simulator.score(s, train, test, sel.pages(), sel.label(), cost));
                    }
                }
            }
            progress.progress("prefetch what-if", ++done, split.test().size());
        }
        if (split.scoresOnTraining()) {
            notes.add("scored on the training run: the figures say how well a set replays the restore it was recorded"
                    + " from, not how it predicts another; give two or more restore traces for a held-out score");
        }
        if (split.test().stream().anyMatch(r -> !r.hasTimes())) {
            notes.add("a run without times: the guest is taken to do nothing between touches (the worst case for a"
                    + " background install)");
        }
        return new PrefetchReport(split.runs().stream().map(RestoreRun::name).toList(),
                split.train().stream().map(RestoreRun::name).toList(),
                split.test().stream().map(RestoreRun::name).toList(), cost, outcomes, best, new ArrayList<>(notes));
    }

    private static List<Strategy> tableOf(List<Strategy> strategies, int bestK) {
        if (strategies != null) {
            return strategies;
        }
        Strategy best = Strategy.around(bestK);
        boolean pending = !defaultStrategies().contains(best);
        List<Strategy> list = new ArrayList<>();
        for (Strategy s : defaultStrategies()) {
            if (pending && ((s.kind() == Strategy.Kind.AROUND && s.parameter() > bestK)
                    || s.kind() == Strategy.Kind.BLOCK_2M)) {
                list.add(best);         // in K order among the fault-arounds
                pending = false;
            }
            list.add(s);
        }
        return list;
    }

    /** The fault-around K (1-512) with the lowest estimated time on {@code test}; the smaller K on a tie. */
    public static int bestAround(RestoreRun test, CostModel cost) {
        int best = 1;
        long bestNanos = Long.MAX_VALUE;
        for (int k = 1; k <= Strategy.MAX_AROUND; k++) {
            long t = Simulator.score(Strategy.around(k), List.of(), test, null, null, cost).estimatedNanos();
            if (t < bestNanos) {
                best = k;
                bestNanos = t;
            }
        }
        return best;
    }
}
