package org.uffdvisualizer.swing;

import java.util.List;
import java.util.Locale;
import javax.swing.table.AbstractTableModel;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparisonRow;
import org.uffdvisualizer.compare.Delta;
import org.uffdvisualizer.compare.Measure;
import org.uffdvisualizer.compare.Presence;
import org.uffdvisualizer.compare.RunFigures;

/**
 * The comparison table: one row per process, mapping name, NMT category and the selection (as
 * {@link CaptureComparison#rows()} has them), with one figure ({@link Measure}, chosen above the
 * table) in KB for each run, for each run but the baseline its difference to the baseline
 * (absolute and ratio, or "appeared" / "disappeared"), and each run's physical extents of the
 * pages touched so far (a THP heap is a few huge extents where 4 KiB pages are thousands). Cells are numbers or {@link DeltaCell}s, so
 * a {@link javax.swing.table.TableRowSorter} sorts them as numbers. {@link #text} is the table
 * as tab-separated text, for the clipboard.
 *
 * <p>Event Dispatch Thread only.
 */
final class ComparisonTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final int FIXED = 2;

    /** A run's figure against the baseline's; sorts by the absolute difference. */
    record DeltaCell(long absoluteKb, double ratio, Presence presence) implements Comparable<DeltaCell> {
        @Override
        public int compareTo(DeltaCell o) {
            return Long.compare(absoluteKb, o.absoluteKb);
        }

        @Override
        public String toString() {
            String change = String.format(Locale.ROOT, "%+,d KB", absoluteKb);
            return switch (presence) {
                case APPEARED -> "appeared (" + change + ")";
                case DISAPPEARED -> "disappeared (" + change + ")";
                default -> Double.isNaN(ratio) ? change : change + String.format(Locale.ROOT, " (×%.2f)", ratio);
            };
        }
    }

    private transient CaptureComparison comparison;
    private transient List<String> runNames = List.of();
    private Measure measure = Measure.RESIDENT;

    /** Shows {@code c}, its runs called {@code names} (baseline first, as in {@code c}); null for none. */
    void show(CaptureComparison c, List<String> names) {
        comparison = c;
        runNames = List.copyOf(names);
        fireTableStructureChanged();
    }

    void setMeasure(Measure m) {
        measure = m;
        fireTableDataChanged();
    }

    CaptureComparison comparison() {
        return comparison;
    }

    private int runs() {
        return comparison == null ? 0 : comparison.runs().size();
    }

    @Override
    public int getRowCount() {
        return comparison == null ? 0 : comparison.rows().size();
    }

    @Override
    public int getColumnCount() {
        return comparison == null ? 0 : FIXED + runs() + runs() - 1 + runs();
    }

    @Override
    public String getColumnName(int column) {
        if (column == 0) {
            return "Kind";
        }
        if (column == 1) {
            return "Name";
        }
        int r = column - FIXED;
        if (r < runs()) {
            return runNames.get(r) + " · " + measure.key() + " KB";
        }
        if (r < 2 * runs() - 1) {
            return runNames.get(otherRun(r - runs())) + " vs baseline";
        }
        return runNames.get(r - 2 * runs() + 1) + " · touched extents";
    }

    /** The run of the {@code i}-th difference column: every run but the baseline, in order. */
    private int otherRun(int i) {
        return i < comparison.baseline() ? i : i + 1;
    }

    @Override
    public Class<?> getColumnClass(int column) {
        if (column < FIXED) {
            return String.class;
        }
        int c = column - FIXED;
        return c < runs() || c >= 2 * runs() - 1 ? Long.class : DeltaCell.class;
    }

    @Override
    public Object getValueAt(int row, int column) {
        ComparisonRow r = comparison.rows().get(row);
        if (column == 0) {
            return r.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (column == 1) {
            return r.label();
        }
        int c = column - FIXED;
        if (c < runs()) {
            RunFigures f = r.figures(c);
            return f == null || f.value(measure) < 0 ? null : f.value(measure) / 1024;
        }
        if (c >= 2 * runs() - 1) {
            long extents = r.touchedExtents(c - 2 * runs() + 1);
            return extents < 0 ? null : extents;
        }
        int run = otherRun(c - runs());
        Delta d = r.delta(run, measure);
        return d == null ? null : new DeltaCell(d.absolute() / 1024, d.ratio(), r.presence(run));
    }

    /** Every row of the model, as the user sees it sorted, as tab-separated text with a header line. */
    String text(javax.swing.JTable shown) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < getColumnCount(); c++) {
            b.append(c > 0 ? "\t" : "").append(getColumnName(c));
        }
        b.append('\n');
        for (int v = 0; v < shown.getRowCount(); v++) {
            int row = shown.convertRowIndexToModel(v);
            for (int c = 0; c < getColumnCount(); c++) {
                Object value = getValueAt(row, c);
                b.append(c > 0 ? "\t" : "").append(value == null ? "" : value instanceof Long l
                        ? String.format(Locale.ROOT, "%,d", l) : value);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
