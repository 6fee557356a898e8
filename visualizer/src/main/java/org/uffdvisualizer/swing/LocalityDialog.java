package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Font;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ExecutionException;
import javax.swing.JDialog;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import javax.swing.UIManager;
import org.uffdvisualizer.analyze.LocalityReport;
import org.uffdvisualizer.analyze.LocalityText;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.Selection;

/**
 * Replay > Locality Figures: the {@code analyze} report of a session's capture (whole trace, and
 * the selection when there is one) in a window of its own. The figures are computed on a worker
 * (they read every fault once), the dialog shows "Computing…" until then; it opens on the Event
 * Dispatch Thread and does not block the window.
 */
final class LocalityDialog {
    private LocalityDialog() {
    }

    /** Event Dispatch Thread. Returns the dialog, shown, whose text the worker fills in. */
    static JDialog show(Component owner, CaptureSession session) {
        ThreadGuard.uiThreadGuard();
        Capture capture = session.loaded().capture();
        Selection selection = session.selection();     // immutable: safe to read on the worker
        boolean selected = selection != null && !selection.isEmpty();
        JTextArea text = new JTextArea("Computing the locality figures of " + session.title() + "…", 30, 110);
        text.setName("localityText");
        text.setEditable(false);
        text.setFont(new Font(Font.MONOSPACED, Font.PLAIN, UIManager.getFont("TextArea.font").getSize()));
        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(owner), "Locality of " + session.title());
        dialog.setName("localityDialog");
        dialog.getContentPane().add(new JScrollPane(text), BorderLayout.CENTER);
        dialog.pack();
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        new SwingWorker<String, Void>() {
            @Override
            protected String doInBackground() {
                ThreadGuard.notUiThreadGuard();
                LocalityReport report = LocalityReport.of(capture, selected ? selection.label() : null,
                        selected ? selection::containsFrame : null);
                StringWriter out = new StringWriter();
                try (PrintWriter w = new PrintWriter(out)) {
                    LocalityText.write(report, w);
                }
                return out.toString();
            }

            @Override
            protected void done() {
                try {
                    text.setText(get());
                } catch (ExecutionException e) {
                    text.setText("The figures could not be computed: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                text.setCaretPosition(0);
            }
        }.execute();
        return dialog;
    }
}
