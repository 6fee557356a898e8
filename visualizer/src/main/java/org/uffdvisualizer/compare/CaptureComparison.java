package org.uffdvisualizer.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Two or more captures compared by owner, not by address: a table of rows (processes by
 * executable, mapping names, NMT categories, the selection) with every run's figures and the
 * differences to the baseline; the overlap of each run's fault set with the baseline's, overall
 * and per owner; for three or more restores of the baseline's snapshot, their stability; and the
 * warnings that say when a difference means little. PIDs play no part.
 *
 * <p>Pages are matched by owner ({@link MatchBasis#OWNER}), or by guest-physical address where
 * both runs restored the same snapshot, i.e. read the same mapping dump
 * ({@link MatchBasis#PHYSICAL}). Each run's fault set is the frames its trace served before its
 * cursor. Immutable; built on any thread (for big captures not the EDT).
 */
public final class CaptureComparison {
    private final List<ComparedRun> runs;
    private final int baseline;
    private final OwnerCatalog catalog = new OwnerCatalog();
    private final List<RunIndex> index = new ArrayList<>();
    private final List<ComparisonRow> rows;
    private final List<RunOverlap> overlaps = new ArrayList<>();
    private final List<RunOverlap> selectionOverlaps = new ArrayList<>();
    private final boolean[][] sameSnapshot;
    private final Stability stability;
    private final List<ComparabilityWarning> warnings;

    private CaptureComparison(List<ComparedRun> runs, int baseline) {
        this.runs = List.copyOf(runs);
        this.baseline = baseline;
        for (ComparedRun r : runs) {
            index.add(new RunIndex(r, catalog));
        }
        int n = runs.size();
        sameSnapshot = new boolean[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                sameSnapshot[a][b] = a == b || sameDump(runs.get(a), runs.get(b));
            }
        }
        rows = Collections.unmodifiableList(joinRows());
        for (int r = 0; r < n; r++) {
            if (r != baseline) {
                overlaps.add(overlap(baseline, r));
                if (index.get(baseline).selected != null && index.get(r).selected != null) {
                    selectionOverlaps.add(OverlapCount.overlap(baseline, r, matchBasis(baseline, r),
                            index.get(baseline).selected, index.get(r).selected, catalog));
                }
            }
        }
        stability = stabilityOfBaselineSnapshot();
        warnings = List.copyOf(ComparabilityCheck.warnings(this.runs, baseline));
    }

    /**
     * Compares {@code runs} (at least two) against run {@code baseline}.
     *
     * @throws IllegalArgumentException for fewer than two runs or a baseline out of range
     */
    public static CaptureComparison of(List<ComparedRun> runs, int baseline) {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two captures, got " + runs.size());
        }
        if (baseline < 0 || baseline >= runs.size()) {
            throw new IllegalArgumentException("baseline " + (baseline + 1) + " is not one of the " + runs.size()
                    + " captures");
        }
        return new CaptureComparison(runs, baseline);
    }

    private static boolean sameDump(ComparedRun a, ComparedRun b) {
        try {
            return Files.isSameFile(a.loaded().files().mappings(), b.loaded().files().mappings());
        } catch (IOException | SecurityException e) {
            return false;         // cannot tell: match by owner, which is always meaningful
        }
    }

    private List<ComparisonRow> joinRows() {
        Map<RowKey, RunFigures[]> byKey = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        order.add(baseline);
        for (int r = 0; r < runs.size(); r++) {
            if (r != baseline) {
                order.add(r);
            }
        }
        for (int r : order) {
            for (Map.Entry<RowKey, RunFigures> e : index.get(r).figures.entrySet()) {
                byKey.computeIfAbsent(e.getKey(), k -> new RunFigures[runs.size()])[r] = e.getValue();
            }
        }
        List<ComparisonRow> list = new ArrayList<>();
        for (RowKind kind : RowKind.values()) {
            for (Map.Entry<RowKey, RunFigures[]> e : byKey.entrySet()) {
                if (e.getKey().kind() == kind) {
                    long[] extents = new long[runs.size()];
                    for (int r = 0; r < extents.length; r++) {
                        extents[r] = index.get(r).touchedExtents(e.getKey());
                    }
                    list.add(new ComparisonRow(e.getKey(), e.getValue(), extents, baseline));
                }
            }
        }
        return list;
    }

    /** The stability of the runs that restored the baseline's snapshot, if there are three or more. */
    private Stability stabilityOfBaselineSnapshot() {
        List<Integer> same = new ArrayList<>();
        List<FaultKeys> keys = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            if (sameSnapshot[baseline][r] && runs.get(r).capture().trace().faultCount() > 0) {
                same.add(r);
                keys.add(index.get(r).all);
            }
        }
        if (same.size() < 3) {
            return null;
        }
        return new Stability(same, keys, catalog, runs.get(baseline).capture().mappings().pageCount(),
                catalog.id(OwnerCatalog.UNMATCHED, "", "(no owner)"));
    }

    public List<ComparedRun> runs() {
        return runs;
    }

    public int baseline() {
        return baseline;
    }

    /** Rows by kind (processes, mappings, NMT categories, selection), each kind in the order the runs list them, baseline first. */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /** The rows of one kind. */
    public List<ComparisonRow> rows(RowKind kind) {
        return rows.stream().filter(r -> r.kind() == kind).toList();
    }

    /** The baseline's fault set against each other run's, in run order. */
    public List<RunOverlap> overlaps() {
        return Collections.unmodifiableList(overlaps);
    }

    /** As {@link #overlaps()}, counting only the pages of each run's selection; empty without selections. */
    public List<RunOverlap> selectionOverlaps() {
        return Collections.unmodifiableList(selectionOverlaps);
    }

    /** The fault sets of any two runs, {@code a} in the baseline's place. */
    public RunOverlap overlap(int a, int b) {
        return OverlapCount.overlap(a, b, matchBasis(a, b), index.get(a).all, index.get(b).all, catalog);
    }

    /** Whether runs {@code a} and {@code b} restored the same snapshot (read the same mapping dump). */
    public boolean sameSnapshot(int a, int b) {
        return sameSnapshot[a][b];
    }

    /** How pages of runs {@code a} and {@code b} are matched. */
    public MatchBasis matchBasis(int a, int b) {
        return sameSnapshot[a][b] ? MatchBasis.PHYSICAL : MatchBasis.OWNER;
    }

    /** The stability view of three or more restores of the baseline's snapshot. */
    public Optional<Stability> stability() {
        return Optional.ofNullable(stability);
    }

    /** What makes the difference hard to read, baseline against each run; empty when nothing does. */
    public List<ComparabilityWarning> warnings() {
        return warnings;
    }

    /** Distinct frames run {@code r} faulted before its cursor. */
    public int faultedPages(int r) {
        return index.get(r).all.pages();
    }

    /** Heap held by the comparison's own arrays (the captures not counted), in bytes. */
    public long heapBytes() {
        long sum = 0;
        for (RunIndex i : index) {
            sum += i.heapBytes();
        }
        return sum;
    }
}
