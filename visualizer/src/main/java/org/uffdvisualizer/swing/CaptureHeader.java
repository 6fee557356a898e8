package org.uffdvisualizer.swing;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.compare.RunFacts;

/**
 * The label and buttons above one grid of a {@link ComparisonPanel}: what the capture is (its
 * directory, JDK and flags, read off the Event Dispatch Thread), whether it is the baseline, and
 * buttons to make it the baseline or take it out. Event Dispatch Thread only.
 */
final class CaptureHeader extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final String BASELINE = "Baseline: ";
    private final JLabel label = new JLabel(" ");
    private final JButton baseline = new JButton("Make Baseline");
    private final JButton remove = new JButton("Remove");
    /** The place of the grid in the comparison, 0 for the baseline. */
    private int index;
    private transient CaptureSession labelled;

    /**
     * @param makeBaseline makes the capture at the index given the baseline
     * @param removeAt     takes the capture at the index given out of the comparison
     */
    CaptureHeader(IntConsumer makeBaseline, IntConsumer removeAt) {
        super(new MigLayout("insets 2 6 2 2, gap 6", "[grow, fill][][]", "[]"));
        baseline.setToolTipText("Compare the others with this capture");
        remove.setToolTipText("Take this capture out of the comparison");
        for (JButton b : new JButton[] {baseline, remove}) {
            b.putClientProperty("JButton.buttonType", "borderless");
            b.setFocusable(false);
        }
        baseline.addActionListener(e -> makeBaseline.accept(index));
        remove.addActionListener(e -> removeAt.accept(index));
        add(label, "wmin 0");
        add(baseline, "hidemode 3");     // the baseline's own heading has no such button: its label takes the room
        add(remove);
    }

    /** Shows session {@code s} (null while it loads) as the grid at {@code newIndex}. */
    void show(int newIndex, CaptureSession s) {
        index = newIndex;
        label.setName("captureLabel." + index);
        baseline.setName("makeBaseline." + index);
        remove.setName("removeCapture." + index);
        baseline.setVisible(index > 0);
        if (s == null) {
            labelled = null;
            label.setText(role() + "loading…");
            return;
        }
        if (s == labelled) {
            label.setText(role() + label.getText().replaceFirst("^" + BASELINE, ""));
            return;
        }
        labelled = s;
        label.setText(role() + s.title());
        label.setToolTipText(s.title());
        CompletableFuture.supplyAsync(() -> describe(s)).thenAccept(text -> SwingUtilities.invokeLater(() -> {
            if (labelled == s) {
                label.setText(role() + text);
            }
        }));
    }

    String text() {
        return label.getText();
    }

    private String role() {
        return index == 0 ? BASELINE : "";
    }

    /** The capture's label: which run, its directory's name, JDK and flags. Any thread (reads a small file). */
    private static String describe(CaptureSession s) {
        return RunFacts.of(s.loaded()).narrowLabel();
    }
}
