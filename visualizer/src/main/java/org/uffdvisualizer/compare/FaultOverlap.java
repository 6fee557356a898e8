package org.uffdvisualizer.compare;

/**
 * Overlap of the faulted pages of the baseline and another run, for one owner (or overall, with
 * {@code kind} "all"): pages faulted only in the baseline, only in the other run, in both.
 *
 * @param kind    "nmt", "mapping", "unmatched" (physical matching: pages without a named or NMT owner) or "all"
 * @param process the owning process's label ("" for overall)
 * @param name    the NMT category or mapping name ("" for overall)
 */
public record FaultOverlap(String kind, String process, String name, long baselineOnly, long otherOnly, long both) {

    /** Pages faulted in either run. */
    public long union() {
        return baselineOnly + otherOnly + both;
    }

    /** Jaccard index of the two sets: both / union; NaN if neither faulted a page. */
    public double jaccard() {
        long u = union();
        return u > 0 ? (double) both / u : Double.NaN;
    }

    /** "java / Java Heap", "(no owner)", or "all". */
    public String label() {
        if (process.isEmpty()) {
            return name.isEmpty() ? kind : name;
        }
        return process + " / " + name;
    }
}
