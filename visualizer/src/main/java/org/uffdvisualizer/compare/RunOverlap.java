package org.uffdvisualizer.compare;

import java.util.List;

/**
 * The fault sets of the baseline and one other run compared, overall and per owner (largest
 * union first). Pages that could not be matched by owner (anonymous memory outside NMT, the page
 * cache, frames nobody owns) are counted per run, not compared.
 */
public record RunOverlap(int baselineRun, int otherRun, MatchBasis basis, FaultOverlap overall,
                         List<FaultOverlap> byOwner, long baselineUnmatched, long otherUnmatched) {

    public RunOverlap {
        byOwner = List.copyOf(byOwner);
    }
}
