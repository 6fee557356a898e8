package org.uffdvisualizer.compare;

/** The figures a comparison row has for each run, all in bytes. */
public enum Measure {
    /** Address space: mapping sizes, or NMT reserved bytes. */
    VIRTUAL("virtual"),
    /** NMT committed bytes (JVMs with an NMT report only). */
    COMMITTED("committed"),
    /** Resident pages ({@code p} lines of the dump). */
    RESIDENT("resident"),
    /** Proportional set size (processes and their mappings only). */
    PSS("pss"),
    /** Resident pages the uffd handler copied from the memory file, over the whole trace. */
    UFFD_LOADED("uffdLoaded"),
    /** Resident pages the uffd handler zero-filled, over the whole trace. */
    ZERO_FILLED("zeroFilled"),
    /** Resident pages served by the faults before the run's replay position. */
    TOUCHED("touched");

    private final String key;

    Measure(String key) {
        this.key = key;
    }

    /** The name used in JSON and column headings. */
    public String key() {
        return key;
    }
}
