package org.uffdvisualizer.compare;

/** How the faulted pages of two runs were matched. */
public enum MatchBasis {
    /**
     * By what the pages are: (executable, mapping name, page offset within the mapping) for named
     * mappings, (NMT category, region, page offset within the reserved region) for JVM memory.
     */
    OWNER,
    /** By guest-physical address: both runs restored the same snapshot (the same mapping dump). */
    PHYSICAL
}
