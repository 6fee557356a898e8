package org.uffdvisualizer.swing;

import java.util.List;
import javax.swing.table.AbstractTableModel;
import org.uffdvisualizer.prefetch.Outcome;

/** The What-If dialog's table: one row per strategy and scored run, the columns of {@code prefetch}'s text. */
final class PrefetchTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final double MIB = 1 << 20;
    private static final String[] COLUMNS = {"Scored on", "Strategy", "Trained on", "Faults left", "Avoided %",
        "Fetched MiB", "Wasted MiB", "Wasted %", "Extents", "Est. time ms"};

    private transient List<Outcome> rows = List.of();

    void setRows(List<Outcome> outcomes) {
        rows = List.copyOf(outcomes);
        fireTableDataChanged();
    }

    Outcome row(int r) {
        return rows.get(r);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int c) {
        return COLUMNS[c];
    }

    @Override
    public Class<?> getColumnClass(int c) {
        return c < 3 ? String.class : c == 3 || c == 8 ? Integer.class : Double.class;
    }

    @Override
    public Object getValueAt(int r, int c) {
        Outcome o = rows.get(r);
        return switch (c) {
            case 0 -> o.test() + (o.scoredOnTraining() ? " (training run)" : "");
            case 1 -> o.name();
            case 2 -> o.train().isEmpty() ? "-" : String.join(" + ", o.train());
            case 3 -> o.faultsLeft();
            case 4 -> round(o.faultsAvoidedPercent());
            case 5 -> round(o.bytesFetched() / MIB);
            case 6 -> round(o.bytesWasted() / MIB);
            case 7 -> round(o.wastedPercent());
            case 8 -> o.extents();
            default -> round(o.estimatedNanos() / 1e6);
        };
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
