package org.uffdvisualizer.swing;

import java.awt.Component;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JPanel;
import net.miginfocom.swing.MigLayout;

/**
 * Lays a bar out in one row while it has the room, and in more rows when it is narrower than
 * that row needs (grids side by side): each component has a constraint for either layout, the
 * narrow one placing it in a {@code cell} of one column so that the order of the rows need not be
 * the order of the wide row. The width the wide row needs is taken whenever it is shown.
 *
 * <p>Event Dispatch Thread only.
 */
final class RowsWhenNarrow {
    private final JPanel panel;
    private final String wideLayout;
    private final String wideColumns;
    private final String narrowLayout;
    private final List<Placed> placed = new ArrayList<>();
    private boolean narrow;
    private int wideWidth;

    private record Placed(Component component, String wide, String narrow) {
    }

    /**
     * @param wideLayout   the MigLayout layout constraints of the single row
     * @param wideColumns  its column constraints
     * @param narrowLayout the layout constraints of the rows (one growing column)
     */
    RowsWhenNarrow(JPanel panel, String wideLayout, String wideColumns, String narrowLayout) {
        this.panel = panel;
        this.wideLayout = wideLayout;
        this.wideColumns = wideColumns;
        this.narrowLayout = narrowLayout;
    }

    /** Adds {@code c} with its constraint in the single row and in the rows. */
    RowsWhenNarrow add(Component c, String wide, String narrowCell) {
        placed.add(new Placed(c, wide, narrowCell));
        return this;
    }

    /** Lays the components out in one row, and follows the panel's width from now on. */
    void install() {
        arrange(false);
        panel.addComponentListener(new ComponentAdapter() {
            @Override
            public void componentResized(ComponentEvent e) {
                if (!narrow) {
                    wideWidth = panel.getPreferredSize().width;
                }
                boolean tooNarrow = panel.getWidth() < wideWidth;
                if (tooNarrow != narrow) {
                    arrange(tooNarrow);
                }
            }
        });
    }

    /** Whether the components are in rows now. */
    boolean isNarrow() {
        return narrow;
    }

    private void arrange(boolean rows) {
        narrow = rows;
        panel.removeAll();
        panel.setLayout(rows ? new MigLayout(narrowLayout, "[grow, fill]", "") : new MigLayout(wideLayout, wideColumns, "[]"));
        for (Placed p : placed) {
            panel.add(p.component(), rows ? p.narrow() : p.wide());
        }
        panel.revalidate();
        panel.repaint();
    }
}
