package org.uffdvisualizer.swing;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import net.miginfocom.swing.MigLayout;

/**
 * The bottom line: replay and selection figures, while loading a progress bar with a cancel
 * button, and the zoom.
 *
 * <p>Event Dispatch Thread only.
 */
public final class StatusBar extends JPanel {
    private static final long serialVersionUID = 1L;

    private final JLabel status = new JLabel(" ");
    private String fullStatus = " ";
    private final JProgressBar progress = new JProgressBar(0, 1000);
    private final JButton cancel = new JButton("Cancel");
    private final JButton diagnostics = new JButton();
    private final JButton logChoice = new JButton();
    private transient Runnable onLogChoice = () -> { };
    private final JLabel zoom = new JLabel();

    public StatusBar(Runnable onCancel, Runnable onDiagnostics) {
        // Status text grows; progress and cancel appear only while loading; zoom at the right.
        super(new MigLayout("insets 2 6 2 6, gap 8, hidemode 3", "[grow, fill][][][][][]", "[]"));
        status.setName("status");
        status.addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                showStatus();
            }
        });
        progress.setName("loadProgress");
        progress.setStringPainted(true);
        cancel.setName("cancelLoad");
        cancel.addActionListener(e -> onCancel.run());
        diagnostics.setName("diagnosticsButton");
        diagnostics.putClientProperty("JButton.buttonType", "borderless");
        diagnostics.addActionListener(e -> onDiagnostics.run());
        logChoice.setName("logChoice");
        logChoice.putClientProperty("JButton.buttonType", "borderless");
        logChoice.addActionListener(e -> onLogChoice.run());
        zoom.setName("zoom");
        // A narrow window (grids side by side) shortens the status text first (abbreviate: its middle, then
        // "…"), down to 100 px; then the log and skipped-lines buttons cut their text with "…"; never the zoom.
        add(status, "wmin 100, shrinkprio 200");
        add(progress, "w 200!");
        add(cancel);
        add(diagnostics, "wmin 40");
        add(logChoice, "wmin 40");
        add(zoom, "shrink 0");
        loading(false);
        setDiagnostics(0);
        setLogChoice(null, null, null);
    }

    /** Shows {@code text}, shortened to the room there is ({@link #abbreviate}); its tooltip has all of it. */
    public void setStatus(String text) {
        fullStatus = text;
        status.setToolTipText(text);
        showStatus();
    }

    /** The whole status text, however much of it shows. */
    public String status() {
        return fullStatus;
    }

    private void showStatus() {
        int room = status.getWidth() - status.getInsets().left - status.getInsets().right;
        java.awt.FontMetrics fm = status.getFontMetrics(status.getFont());
        status.setText(room <= 0 ? fullStatus : abbreviate(fullStatus, t -> fm.stringWidth(t) <= room));
    }

    /**
     * {@code text} as it fits: its " · "-separated parts, leaving out those between the first
     * (where the replay is) and the last (the selection's figure) from the second on, until it
     * fits; if even the first and last do not, both, for the label to end in "…".
     */
    static String abbreviate(String text, java.util.function.Predicate<String> fits) {
        java.util.List<String> parts = new java.util.ArrayList<>(java.util.List.of(text.split(" · ")));
        String shown = text;
        while (!fits.test(shown) && parts.size() > 2) {
            parts.remove(1);
            shown = String.join(" · ", parts);
        }
        return shown;
    }

    /** Whether the progress bar and cancel button show (a load is running). */
    boolean showsProgress() {
        return progress.isVisible() && cancel.isVisible();
    }

    /** The text on the progress bar: the file being read and how far. */
    String progressText() {
        return progress.getString();
    }

    /** Shows or hides the progress bar and cancel button. */
    public void loading(boolean on) {
        progress.setVisible(on);
        cancel.setVisible(on);
        if (on) {
            progress.setValue(0);
            progress.setString("starting");
        }
        revalidate();
    }

    /** Progress of one file: {@code done} of {@code total} bytes ({@code total} -1 if unknown). */
    public void progress(String task, long done, long total) {
        progress.setIndeterminate(total <= 0);
        progress.setValue(total <= 0 ? 0 : (int) (1000 * Math.min(done, total) / total));
        progress.setString(total <= 0 ? task : task + " " + (100 * Math.min(done, total) / total) + "%");
    }

    /** The count of skipped lines, as a button that opens the diagnostics; hidden for none. */
    public void setDiagnostics(long count) {
        diagnostics.setVisible(count > 0);
        diagnostics.setText(String.format("\u26a0 %,d line%s skipped", count, count == 1 ? "" : "s"));
        diagnostics.setToolTipText("Lines of the capture that could not be used: click for file, line and reason");
    }

    /** Which of several uffd logs is shown, as a button that offers the others; hidden for null {@code text}. */
    public void setLogChoice(String text, String tooltip, Runnable onClick) {
        logChoice.setVisible(text != null);
        logChoice.setText(text);
        logChoice.setToolTipText(tooltip);
        onLogChoice = onClick == null ? () -> { } : onClick;
    }

    JButton logChoiceButton() {
        return logChoice;
    }

    /** The zoom, in pixels per cell; {@code cellKib} the size of a cell (4 for one 4 KiB page). */
    public void setZoom(double scale, long cellKib) {
        String unit = cellKib == 4 ? "page" : cellKib % 1024 == 0 ? (cellKib / 1024) + " MiB" : cellKib + " KiB";
        String units = cellKib == 4 ? "pages" : "× " + unit;
        zoom.setText(scale >= 1 ? String.format("%s px/%s", scale == Math.rint(scale) ? String.valueOf((int) scale)
                : String.valueOf(scale), unit) : String.format("1 px = %.1f %s", 1 / scale, units));
    }
}
