package org.uffdvisualizer.compare;

/** A way in which two runs differ that makes their difference hard to read; shown above the table. */
public record ComparabilityWarning(Kind kind, String message) {

    /** What differs. */
    public enum Kind {
        GUEST_RAM, LAYOUT, EXECUTABLE, JDK, NO_UFFD_LOG, FAULT_COUNT
    }
}
