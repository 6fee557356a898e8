package org.uffdvisualizer.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Counts the overlap of two runs' sorted keys in one merge, overall and per owner (the keys' high bits). */
final class OverlapCount {

    private OverlapCount() {
    }

    /**
     * @param a the baseline's keys, sorted and distinct
     * @param b the other run's keys, sorted and distinct
     * @return per owner {only in a, only in b, both}, indexed by owner number
     */
    static long[][] perOwner(long[] a, long[] b, int owners) {
        long[][] counts = new long[owners][3];
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || i < a.length && a[i] < b[j]) {
                counts[owner(a[i++])][0]++;
            } else if (i == a.length || b[j] < a[i]) {
                counts[owner(b[j++])][1]++;
            } else {
                counts[owner(a[i])][2]++;
                i++;
                j++;
            }
        }
        return counts;
    }

    static int owner(long key) {
        return (int) (key >>> RunIndex.OWNER_SHIFT);
    }

    /** The overall figures and the owners that have a page, largest union first. */
    static RunOverlap overlap(int baselineRun, int otherRun, MatchBasis basis, FaultKeys base, FaultKeys other,
                              OwnerCatalog catalog) {
        long[][] counts = perOwner(base.keys(basis), other.keys(basis), catalog.size());
        long[] total = new long[3];
        List<FaultOverlap> byOwner = new ArrayList<>();
        for (int o = 0; o < counts.length; o++) {
            long[] c = counts[o];
            if (c[0] + c[1] + c[2] > 0) {
                byOwner.add(catalog.overlap(o, c[0], c[1], c[2]));
                for (int k = 0; k < 3; k++) {
                    total[k] += c[k];
                }
            }
        }
        byOwner.sort(Comparator.comparingLong(FaultOverlap::union).reversed());
        FaultOverlap overall = new FaultOverlap("all", "", "", total[0], total[1], total[2]);
        boolean byOwnerKeys = basis == MatchBasis.OWNER;
        return new RunOverlap(baselineRun, otherRun, basis, overall, byOwner,
                byOwnerKeys ? base.unmatched() : 0, byOwnerKeys ? other.unmatched() : 0);
    }
}
