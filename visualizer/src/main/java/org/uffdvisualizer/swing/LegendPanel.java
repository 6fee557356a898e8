package org.uffdvisualizer.swing;

import com.formdev.flatlaf.icons.FlatAbstractIcon;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Map;
import javax.swing.Action;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.render.Legend;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;

/**
 * The side panel that is always visible: overlay switches (the same actions as the View menu)
 * and the legend of every colour the grid can show now. Its width is fixed, so that a long
 * selection label does not push the grid aside: such a label ends in "…" and shows in full as
 * its tooltip.
 *
 * <p>Event Dispatch Thread only.
 */
public final class LegendPanel extends JPanel {
    private static final long serialVersionUID = 1L;
    /** Width in unscaled pixels: the overlay switches and the fixed legend lines fit, NMT categories included. */
    static final int WIDTH = 210;

    private final JPanel entries = new JPanel(new MigLayout("insets 0, gap 2, wrap 1", "[grow, fill]", ""));

    public LegendPanel(Map<Overlay, Action> overlayActions) {
        // One column: overlays, a separator, the legend.
        super(new MigLayout("insets 6, gap 2, wrap 1", "[grow, fill]", ""));
        setName("legend");
        JLabel o = new JLabel("Overlays");
        o.putClientProperty("FlatLaf.styleClass", "h4");
        add(o);
        for (Overlay overlay : Overlay.values()) {
            JCheckBox box = new JCheckBox(overlayActions.get(overlay));
            box.setName("overlay." + overlay.key());
            box.setFocusable(false);
            add(box);
        }
        add(new JSeparator(), "gaptop 6, gapbottom 4");
        JLabel l = new JLabel("Legend");
        l.putClientProperty("FlatLaf.styleClass", "h4");
        add(l);
        add(entries, "wmin 0");
    }

    @Override
    public java.awt.Dimension getPreferredSize() {
        return new java.awt.Dimension(com.formdev.flatlaf.util.UIScale.scale(WIDTH), super.getPreferredSize().height);
    }

    /** Shows the entries for the grid's current overlays, palette and selection. */
    public void update(PageGrid grid) {
        entries.removeAll();
        if (grid != null) {
            List<Legend.Entry> list = Legend.entries(grid);
            for (Legend.Entry e : list) {
                JLabel label = new JLabel(e.label(), new Swatch(e.rgb()), JLabel.LEADING);
                label.setToolTipText(e.label());
                label.setName("legend." + e.label());
                entries.add(label, "wmin 0");
            }
        }
        entries.revalidate();
        entries.repaint();
    }

    /** A colour square with a thin border in the theme's colour, scaled with FlatLaf's UI scale. */
    static final class Swatch extends FlatAbstractIcon {
        /** Side in unscaled pixels, border included. */
        static final int SIZE = 14;

        private final Color colour;

        Swatch(int rgb) {
            super(SIZE, SIZE, null);
            this.colour = new Color(rgb);
        }

        @Override
        protected void paintIcon(Component c, Graphics2D g) {
            g.setColor(colour);
            g.fillRect(0, 0, SIZE - 1, SIZE - 1);
            Color border = UIManager.getColor("Component.borderColor");
            g.setColor(border != null ? border : Color.GRAY);
            g.drawRect(0, 0, SIZE - 1, SIZE - 1);
        }
    }
}
