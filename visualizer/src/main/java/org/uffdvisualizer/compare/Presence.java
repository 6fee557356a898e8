package org.uffdvisualizer.compare;

/** Whether a row exists in a run, relative to the baseline. */
public enum Presence {
    /** In the baseline and in the run. */
    BOTH,
    /** In the run, not in the baseline. */
    APPEARED,
    /** In the baseline, not in the run. */
    DISAPPEARED,
    /** In neither (a row another run has). */
    NEITHER
}
