package org.uffdvisualizer.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Three or more restores of one snapshot compared page by page (by guest-physical address, as
 * they share the mapping dump): how many pages every run faulted, some (more than one, not all),
 * exactly one, and none (owned pages of the dump no run faulted); the median of the pairwise
 * Jaccard indexes overall and per owner; and per frame the number of runs that faulted it, for
 * colouring a grid.
 */
public final class Stability {
    private final List<Integer> runs;
    private final long everyRun;
    private final long someRuns;
    private final long oneRun;
    private final long noRun;
    private final double medianJaccard;
    private final List<OwnerStability> byOwner;
    /** Frames faulted by any run, ascending, and how many runs faulted each. */
    private final int[] frames;
    private final byte[] runsOf;

    /** One owner's stability: the median of its pairwise Jaccard indexes, its pages in any and in every run. */
    public record OwnerStability(String kind, String process, String name, double medianJaccard, long pagesInAny,
                                 long pagesInEvery) {
    }

    Stability(List<Integer> runs, List<FaultKeys> keys, OwnerCatalog catalog, int ownedPages, int unownedGroup) {
        this.runs = List.copyOf(runs);
        int n = runs.size();
        int total = 0;
        for (FaultKeys k : keys) {
            total += k.keys(MatchBasis.PHYSICAL).length;
        }
        long[] merged = new long[total];
        int at = 0;
        for (FaultKeys k : keys) {
            long[] a = k.keys(MatchBasis.PHYSICAL);
            System.arraycopy(a, 0, merged, at, a.length);
            at += a.length;
        }
        Arrays.parallelSort(merged);
        long[] anyOf = new long[catalog.size()];
        long[] everyOf = new long[catalog.size()];
        long every = 0;
        long some = 0;
        long one = 0;
        long ownedFaulted = 0;
        long[] frameCounts = new long[total];
        int distinct = 0;
        for (int i = 0; i < total; ) {
            int j = i;
            while (j < total && merged[j] == merged[i]) {
                j++;
            }
            int count = j - i;
            int owner = OverlapCount.owner(merged[i]);
            anyOf[owner]++;
            if (count == n) {
                every++;
                everyOf[owner]++;
            } else if (count == 1) {
                one++;
            } else {
                some++;
            }
            ownedFaulted += owner == unownedGroup ? 0 : 1;
            frameCounts[distinct++] = (merged[i] & ((1L << RunIndex.OWNER_SHIFT) - 1)) << 8 | count;
            i = j;
        }
        everyRun = every;
        someRuns = some;
        oneRun = one;
        noRun = Math.max(0, ownedPages - ownedFaulted);
        long[] byFrame = Arrays.copyOf(frameCounts, distinct);
        Arrays.sort(byFrame);
        frames = new int[distinct];
        runsOf = new byte[distinct];
        for (int i = 0; i < distinct; i++) {
            frames[i] = (int) (byFrame[i] >>> 8);
            runsOf[i] = (byte) byFrame[i];
        }
        List<List<Double>> pairJaccards = new ArrayList<>();
        for (int o = 0; o < catalog.size(); o++) {
            pairJaccards.add(new ArrayList<>());
        }
        List<Double> overall = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                long[][] c = OverlapCount.perOwner(keys.get(a).keys(MatchBasis.PHYSICAL),
                        keys.get(b).keys(MatchBasis.PHYSICAL), catalog.size());
                long both = 0;
                long union = 0;
                for (int o = 0; o < c.length; o++) {
                    long u = c[o][0] + c[o][1] + c[o][2];
                    if (u > 0) {
                        pairJaccards.get(o).add((double) c[o][2] / u);
                    }
                    both += c[o][2];
                    union += u;
                }
                overall.add(union > 0 ? (double) both / union : Double.NaN);
            }
        }
        medianJaccard = median(overall);
        List<OwnerStability> owners = new ArrayList<>();
        for (int o = 0; o < catalog.size(); o++) {
            if (anyOf[o] > 0) {
                List<String> name = catalog.owner(o);
                owners.add(new OwnerStability(name.get(0), name.get(1), name.get(2), median(pairJaccards.get(o)),
                        anyOf[o], everyOf[o]));
            }
        }
        owners.sort(Comparator.comparingLong(OwnerStability::pagesInAny).reversed());
        byOwner = List.copyOf(owners);
    }

    /** The median; of an even count, the mean of the middle two; NaN of none. A pair with no page in either counts as 0. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(d -> d.isNaN() ? 0 : d).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** The runs compared (indexes into the comparison's runs). */
    public List<Integer> runs() {
        return runs;
    }

    /** Pages faulted by every run. */
    public long everyRun() {
        return everyRun;
    }

    /** Pages faulted by more than one run but not all. */
    public long someRuns() {
        return someRuns;
    }

    /** Pages faulted by exactly one run. */
    public long oneRun() {
        return oneRun;
    }

    /** Owned pages of the dump that no run faulted. */
    public long noRun() {
        return noRun;
    }

    /** Pages faulted by any run. */
    public long anyRun() {
        return everyRun + someRuns + oneRun;
    }

    /** Median of the pairwise Jaccard indexes of the runs' whole fault sets. */
    public double medianJaccard() {
        return medianJaccard;
    }

    /** Per owner of faulted pages, largest first. */
    public List<OwnerStability> byOwner() {
        return byOwner;
    }

    /** Receives the frames some run faulted. */
    @FunctionalInterface
    public interface FrameVisitor {
        void visit(int pfn, int runsFaulted);
    }

    /** Visits every frame any run faulted, ascending, with how many runs faulted it (for colouring a whole grid). */
    public void forEachFaulted(FrameVisitor visitor) {
        for (int i = 0; i < frames.length; i++) {
            visitor.visit(frames[i], runsOf[i] & 0xff);
        }
    }

    /** How many of the runs faulted frame {@code pfn} (0 if none). */
    public int runsFaulted(int pfn) {
        int k = Arrays.binarySearch(frames, pfn);
        return k >= 0 ? runsOf[k] & 0xff : 0;
    }
}
