package org.uffdvisualizer.compare;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A comparison as text for a terminal (the {@code compare} command) or the clipboard: the runs,
 * the warnings, the table (processes, NMT categories, the largest mappings, the selection) with
 * each run's resident and touched figures, the physical extents of the touched pages, and the
 * resident difference to the baseline, the fault
 * overlaps and the stability view.
 */
public final class ComparisonText {
    /** Mapping and owner lines shown per table; the JSON has them all. */
    static final int SHOWN = 15;

    private final CaptureComparison c;

    public ComparisonText(CaptureComparison comparison) {
        this.c = comparison;
    }

    /** The whole text. */
    @Override
    public String toString() {
        StringWriter s = new StringWriter();
        PrintWriter w = new PrintWriter(s);
        write(w);
        w.flush();
        return s.toString();
    }

    public void write(PrintWriter out) {
        int n = c.runs().size();
        out.printf("Comparing %d captures, baseline %d%n", n, c.baseline() + 1);
        for (int r = 0; r < n; r++) {
            ComparedRun run = c.runs().get(r);
            int faults = run.capture().trace().faultCount();
            out.printf(Locale.ROOT, "  %d%s %s: %,d faults, replayed %,d, %,d pages faulted%n", r + 1,
                    r == c.baseline() ? "*" : " ", run.label(), faults, run.cursor(), c.faultedPages(r));
        }
        if (!c.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            for (ComparabilityWarning w : c.warnings()) {
                out.println("  ! " + w.message());
            }
        }
        table(out, "Processes", c.rows(RowKind.PROCESS));
        table(out, "NMT categories", c.rows(RowKind.NMT_CATEGORY));
        List<ComparisonRow> mappings = new ArrayList<>(c.rows(RowKind.MAPPING));
        mappings.sort(Comparator.comparingLong(ComparisonRow::largestResident).reversed());
        table(out, "Mappings, largest first", mappings);
        table(out, "Selection", c.rows(RowKind.SELECTION));
        for (RunOverlap o : c.overlaps()) {
            overlap(out, "Faulted pages", o);
        }
        for (RunOverlap o : c.selectionOverlaps()) {
            overlap(out, "Faulted pages of the selection", o);
        }
        c.stability().ifPresent(s -> stability(out, s));
        out.flush();
    }

    private void table(PrintWriter out, String title, List<ComparisonRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + (rows.size() > SHOWN && title.startsWith("Mappings") ? " (" + SHOWN + " of " + rows.size()
                + "; --json lists all)" : "") + ":");
        TextTable t = new TextTable();
        List<String> head = new ArrayList<>(List.of(""));
        for (int r = 0; r < c.runs().size(); r++) {
            head.add("resident " + (r + 1));
            head.add("touched " + (r + 1));
            head.add("extents " + (r + 1));
            if (r != c.baseline()) {
                head.add("diff " + (r + 1));
                head.add("ratio");
            }
        }
        t.row(head.toArray(new String[0]));
        int shown = 0;
        for (ComparisonRow row : rows) {
            if (shown++ == SHOWN && title.startsWith("Mappings")) {
                break;
            }
            List<String> cells = new ArrayList<>(List.of(rowLabel(row)));
            for (int r = 0; r < c.runs().size(); r++) {
                RunFigures f = row.figures(r);
                cells.add(f == null ? "-" : Bytes.human(f.residentBytes()));
                cells.add(f == null ? "-" : Bytes.human(f.touchedBytes()) + share(f.touchedShare()));
                cells.add(f == null ? "-" : String.format(Locale.ROOT, "%,d", row.touchedExtents(r)));
                if (r != c.baseline()) {
                    Delta d = row.delta(r, Measure.RESIDENT);
                    cells.add(d == null ? "" : (d.absolute() > 0 ? "+" : "") + Bytes.human(d.absolute()));
                    cells.add(d == null || Double.isNaN(d.ratio()) ? "" : String.format(Locale.ROOT, "x%.2f", d.ratio()));
                }
            }
            t.row(cells.toArray(new String[0]));
        }
        t.print(out, "  ");
    }

    private String rowLabel(ComparisonRow row) {
        String label = row.label();
        if (label.length() > 60) {
            // Keep the process and the end of the name (the file), drop the middle of the path.
            String head = row.process().isEmpty() ? "" : row.process() + " / ";
            label = head + "..." + row.name().substring(Math.max(0, row.name().length() - (57 - head.length())));
        }
        for (int r = 0; r < c.runs().size(); r++) {
            Presence p = row.presence(r);
            if (p == Presence.APPEARED) {
                return label + " [new in " + (r + 1) + "]";
            }
            if (p == Presence.DISAPPEARED) {
                return label + " [gone in " + (r + 1) + "]";
            }
        }
        return label;
    }

    private static String share(double s) {
        return Double.isNaN(s) ? "" : String.format(Locale.ROOT, " (%.0f%%)", 100 * s);
    }

    private void overlap(PrintWriter out, String title, RunOverlap o) {
        out.println();
        out.printf("%s, %d against %d, matched by %s:%n", title, o.baselineRun() + 1, o.otherRun() + 1,
                o.basis() == MatchBasis.PHYSICAL ? "guest-physical address (both restored the same snapshot)"
                        : "owner (mapping name and offset, NMT category, region and offset)");
        TextTable t = new TextTable();
        t.row("", "only " + (o.baselineRun() + 1), "only " + (o.otherRun() + 1), "both", "Jaccard");
        t.row(overlapCells(o.overall(), "all"));
        int shown = 0;
        for (FaultOverlap f : o.byOwner()) {
            if (shown++ == SHOWN) {
                break;
            }
            t.row(overlapCells(f, f.label()));
        }
        t.print(out, "  ");
        if (o.byOwner().size() > SHOWN) {
            out.printf("  (%d of %d owners; --json lists all)%n", SHOWN, o.byOwner().size());
        }
        if (o.baselineUnmatched() + o.otherUnmatched() > 0) {
            out.printf(Locale.ROOT, "  not matched (no named mapping or NMT region owns them): %,d pages in %d, %,d in %d%n",
                    o.baselineUnmatched(), o.baselineRun() + 1, o.otherUnmatched(), o.otherRun() + 1);
        }
    }

    private static String[] overlapCells(FaultOverlap f, String label) {
        return new String[] {label, String.format(Locale.ROOT, "%,d", f.baselineOnly()),
            String.format(Locale.ROOT, "%,d", f.otherOnly()), String.format(Locale.ROOT, "%,d", f.both()),
            jaccard(f.jaccard())};
    }

    private static String jaccard(double j) {
        return Double.isNaN(j) ? "-" : String.format(Locale.ROOT, "%.3f", j);
    }

    private void stability(PrintWriter out, Stability s) {
        out.println();
        List<String> runs = s.runs().stream().map(r -> Integer.toString(r + 1)).toList();
        out.printf(Locale.ROOT, "Stability of %d restores of one snapshot (%s), by guest-physical address:%n",
                runs.size(), String.join(", ", runs));
        long any = s.anyRun();
        out.printf(Locale.ROOT, "  faulted by every run %,d (%s), some %,d (%s), one %,d (%s); owned pages no run faulted %,d%n",
                s.everyRun(), percent(s.everyRun(), any), s.someRuns(), percent(s.someRuns(), any), s.oneRun(),
                percent(s.oneRun(), any), s.noRun());
        out.printf(Locale.ROOT, "  median pairwise Jaccard %s%n", jaccard(s.medianJaccard()));
        TextTable t = new TextTable();
        t.row("", "any run", "every run", "median Jaccard");
        int shown = 0;
        for (Stability.OwnerStability o : s.byOwner()) {
            if (shown++ == SHOWN) {
                break;
            }
            t.row(o.process().isEmpty() ? o.name() : o.process() + " / " + o.name(),
                    String.format(Locale.ROOT, "%,d", o.pagesInAny()), String.format(Locale.ROOT, "%,d", o.pagesInEvery()),
                    jaccard(o.medianJaccard()));
        }
        t.print(out, "  ");
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
