package org.uffdvisualizer.compare;

/**
 * One row's figures in one run, in bytes; -1 where the run cannot say (committed outside NMT,
 * PSS of kernel, page cache and NMT categories, virtual size of kernel and page cache).
 */
public record RunFigures(long virtualBytes, long committedBytes, long residentBytes, long pssBytes,
                         long uffdLoadedBytes, long zeroFilledBytes, long touchedBytes) {

    /** The figure for {@code m}, -1 if not known. */
    public long value(Measure m) {
        return switch (m) {
            case VIRTUAL -> virtualBytes;
            case COMMITTED -> committedBytes;
            case RESIDENT -> residentBytes;
            case PSS -> pssBytes;
            case UFFD_LOADED -> uffdLoadedBytes;
            case ZERO_FILLED -> zeroFilledBytes;
            case TOUCHED -> touchedBytes;
        };
    }

    /** Share of the resident bytes the restore touched before the replay position; NaN if nothing is resident. */
    public double touchedShare() {
        return residentBytes > 0 ? (double) touchedBytes / residentBytes : Double.NaN;
    }
}
