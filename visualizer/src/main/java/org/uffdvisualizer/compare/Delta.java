package org.uffdvisualizer.compare;

/**
 * A figure of a run against the baseline's: {@code absolute} = run - baseline (bytes),
 * {@code ratio} = run / baseline (NaN when the baseline's figure is 0).
 */
public record Delta(long absolute, double ratio) {

    static Delta between(long baseline, long run) {
        return new Delta(run - baseline, baseline != 0 ? (double) run / baseline : Double.NaN);
    }
}
