package org.uffdvisualizer.compare;

import java.util.Arrays;

/**
 * One row of the comparison table: a process, a mapping name or an NMT category, with its
 * figures in every run that has it and the differences to the baseline.
 */
public final class ComparisonRow {
    private final RowKey key;
    private final RunFigures[] figures;
    private final long[] touchedExtents;
    private final int baseline;

    ComparisonRow(RowKey key, RunFigures[] figures, long[] touchedExtents, int baseline) {
        this.key = key;
        this.figures = figures.clone();
        this.touchedExtents = touchedExtents.clone();
        this.baseline = baseline;
    }

    public RowKind kind() {
        return key.kind();
    }

    /** The process's label ("java", "java #2", "kernel"); for a process row, its own label; "" for the selection. */
    public String process() {
        return key.process();
    }

    /** The mapping name, NMT category, process label, or the selection's name. */
    public String name() {
        return key.name();
    }

    /** "java / Java Heap", "java / [heap]", "java", "selection Java Heap". */
    public String label() {
        return switch (key.kind()) {
            case PROCESS -> key.name();
            case SELECTION -> "selection " + key.name();
            default -> key.process() + " / " + key.name();
        };
    }

    /** Whether run {@code run} has this row. */
    public boolean presentIn(int run) {
        return figures[run] != null;
    }

    /** The run's figures, or null if it does not have this row. */
    public RunFigures figures(int run) {
        return figures[run];
    }

    /**
     * The physical extents of the pages run {@code run} touched before its cursor (runs of
     * consecutive frames; fewer means the restore could copy in larger pieces), or -1 if the run
     * does not have the row.
     */
    public long touchedExtents(int run) {
        return figures[run] == null ? -1 : touchedExtents[run];
    }

    public int runCount() {
        return figures.length;
    }

    /** Whether the row is in run {@code run} and the baseline, or appeared or disappeared. */
    public Presence presence(int run) {
        boolean inBase = figures[baseline] != null;
        boolean inRun = figures[run] != null;
        if (inBase && inRun) {
            return Presence.BOTH;
        }
        if (inRun) {
            return Presence.APPEARED;
        }
        return inBase ? Presence.DISAPPEARED : Presence.NEITHER;
    }

    /**
     * Run {@code run}'s figure {@code m} against the baseline's, or null if the figure is not
     * known. A row that appeared or disappeared counts as 0 where it is missing, so that its size
     * still shows (a ratio of an appeared row is NaN).
     */
    public Delta delta(int run, Measure m) {
        long base = value(baseline, m);
        long other = value(run, m);
        if (base < 0 || other < 0 || figures[baseline] == null && figures[run] == null) {
            return null;
        }
        return Delta.between(base, other);
    }

    /** {@code m} in run {@code run}, 0 if the run lacks the row, -1 if the run cannot know it. */
    private long value(int run, Measure m) {
        RunFigures f = figures[run];
        if (f != null) {
            return f.value(m);
        }
        // Missing in this run: 0, if some run of the row knows the figure at all.
        return Arrays.stream(figures).anyMatch(x -> x != null && x.value(m) >= 0) ? 0 : -1;
    }

    /** The largest resident figure over the runs, for ordering rows by size. */
    public long largestResident() {
        long max = 0;
        for (RunFigures f : figures) {
            if (f != null) {
                max = Math.max(max, f.residentBytes());
            }
        }
        return max;
    }
}
