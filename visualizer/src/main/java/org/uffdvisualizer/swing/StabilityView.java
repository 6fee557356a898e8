package org.uffdvisualizer.swing;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.swing.Icon;
import javax.swing.JCheckBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.Stability;
import org.uffdvisualizer.render.Legend;
import org.uffdvisualizer.render.StabilityImage;

/**
 * The stability view of three or more restores of one snapshot: a toggle that colours the
 * baseline's grid by how many of the restores faulted each page ({@link StabilityImage}) instead
 * of its usual colours, and the legend of that colouring with the median pairwise Jaccard. The
 * toggle is enabled only when the comparison has a stability that includes the baseline.
 *
 * <p>Event Dispatch Thread only.
 */
final class StabilityView {
    private final JCheckBox toggle = new JCheckBox("Stability");
    private final JPanel legend = new JPanel(new MigLayout("insets 0, gap 4", "", "[]"));
    private final CaptureView baseline;
    private Stability stability;

    StabilityView(CaptureView baseline) {
        this.baseline = baseline;
        toggle.setName("stabilityView");
        toggle.setMnemonic('t');
        toggle.setToolTipText("Colour the baseline's grid by how many restores of its snapshot faulted each page"
                + " (3 or more restores of one snapshot)");
        toggle.setEnabled(false);
        toggle.addActionListener(e -> apply());
        legend.setName("stabilityLegend");
        legend.setVisible(false);
    }

    JCheckBox toggle() {
        return toggle;
    }

    JPanel legend() {
        return legend;
    }

    /** Shown or not, with the newest comparison's stability; null: no comparison any more. */
    void show(CaptureComparison c) {
        Optional<Stability> s = c == null ? Optional.empty() : c.stability();
        stability = s.filter(x -> x.runs().contains(c.baseline())).orElse(null);
        toggle.setEnabled(stability != null);
        apply();
    }

    void setOn(boolean on) {
        toggle.setSelected(on);
        apply();
    }

    private void apply() {
        boolean on = toggle.isSelected() && stability != null && baseline.session() != null;
        baseline.canvas().setCellImage(on ? StabilityImage.of(stability, baseline.session().grid()) : null);
        legend.removeAll();
        if (on) {
            JLabel title = new JLabel(String.format(Locale.ROOT, "%d restores, median pairwise Jaccard %.3f:",
                    stability.runs().size(), stability.medianJaccard()));
            title.setName("stabilityJaccard");
            legend.add(title);
            List<Legend.Entry> entries = StabilityImage.legend(stability);
            for (Legend.Entry e : entries) {
                legend.add(new JLabel(e.label(), new Swatch(e.rgb()), JLabel.LEADING));
            }
        }
        legend.setVisible(on);
        legend.revalidate();
        legend.repaint();
    }

    /** A small square of one colour. */
    private record Swatch(int rgb) implements Icon {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            g.setColor(new Color(rgb));
            g.fillRect(x, y, getIconWidth(), getIconHeight());
            g.setColor(Color.GRAY);
            g.drawRect(x, y, getIconWidth() - 1, getIconHeight() - 1);
        }

        @Override
        public int getIconWidth() {
            return 12;
        }

        @Override
        public int getIconHeight() {
            return 12;
        }
    }
}
