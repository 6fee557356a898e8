package org.uffdvisualizer.swing;

import java.util.List;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.parse.Diagnostic;
import org.uffdvisualizer.parse.Diagnostics;

/**
 * The lines of a capture that loading had to skip: file, line number, what was wrong, and the
 * line itself.
 *
 * <p>Event Dispatch Thread only.
 */
public final class DiagnosticsPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final String[] COLUMNS = {"File", "Line", "Problem", "Text"};

    private final JLabel heading = new JLabel();
    private final Model model = new Model();

    public DiagnosticsPanel() {
        super(new MigLayout("insets 4, fill, wrap 1", "[grow, fill]", "[][grow, fill]"));
        add(heading);
    }

    /** Shown or hidden; the table is made the first time it shows (most captures never need it, the start does not). */
    @Override
    public void setVisible(boolean visible) {
        if (visible && getComponentCount() == 1) {
            JTable table = new JTable(model);
            table.setName("diagnosticsTable");
            table.setAutoCreateRowSorter(true);
            table.getColumnModel().getColumn(0).setPreferredWidth(160);
            table.getColumnModel().getColumn(1).setPreferredWidth(60);
            table.getColumnModel().getColumn(2).setPreferredWidth(420);
            table.getColumnModel().getColumn(3).setPreferredWidth(420);
            add(new JScrollPane(table));
        }
        super.setVisible(visible);
    }

    public void setDiagnostics(Diagnostics d) {
        model.rows = d == null ? List.of() : d.list();
        model.fireTableDataChanged();
        long count = d == null ? 0 : d.count();
        heading.setText(count == 0 ? "Every line of the capture was used."
                : String.format("%,d line%s could not be used and %s skipped%s; the figures leave them out.", count,
                        count == 1 ? "" : "s", count == 1 ? "was" : "were",
                        count > model.rows.size() ? " (the first " + model.rows.size() + " are listed)" : ""));
    }

    private static final class Model extends AbstractTableModel {
        private static final long serialVersionUID = 1L;
        private transient List<Diagnostic> rows = List.of();

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
            return c == 1 ? Long.class : String.class;
        }

        @Override
        public Object getValueAt(int r, int c) {
            Diagnostic d = rows.get(r);
            return switch (c) {
                case 0 -> String.valueOf(d.file().getFileName());
                case 1 -> d.line();
                case 2 -> d.problem();
                default -> d.text();
            };
        }
    }
}
