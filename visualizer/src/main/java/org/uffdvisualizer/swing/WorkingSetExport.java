package org.uffdvisualizer.swing;

import java.awt.Component;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;
import javax.swing.SwingWorker;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.prefetch.PageSelection;
import org.uffdvisualizer.prefetch.RestoreRun;
import org.uffdvisualizer.prefetch.Strategy;
import org.uffdvisualizer.prefetch.WorkingSetFile;
import org.uffdvisualizer.render.Selection;

/**
 * File > Export Working Set…: the pages the session's restore touched, in first-touch order, as
 * the handler's {@code --prefetch} file (format 2, the {@code recorded} strategy; with a
 * selection, optionally only its pages); the What-If dialog exports any set strategy the same
 * way. The set is computed and written on a worker, atomically.
 */
final class WorkingSetExport {

    private WorkingSetExport() {
    }

    /** Asks where (and, with a selection, whether only its pages), then exports. Event Dispatch Thread. */
    static void choose(Component owner, CaptureSession session) {
        ThreadGuard.uiThreadGuard();
        Path target = chooseFile(owner, "working-set.txt");
        if (target == null) {
            return;
        }
        boolean only = false;
        Selection s = session.selection();
        if (s != null && !s.isEmpty()) {
            Object[] options = {"All Pages", "Only " + s.label(), "Cancel"};
            int answer = JOptionPane.showOptionDialog(owner, "Export every page the restore touched, or only the"
                    + " selected ones?", "Export Working Set", JOptionPane.DEFAULT_OPTION, JOptionPane.QUESTION_MESSAGE,
                    null, options, options[0]);
            if (answer != 0 && answer != 1) {
                return;
            }
            only = answer == 1;
        }
        recorded(session, target, only, (file, error) -> report(owner, file, error));
    }

    /** A save dialog for a working-set file; null if cancelled. */
    static Path chooseFile(Component owner, String name) {
        JFileChooser c = new JFileChooser();
        c.setDialogTitle("Export Working Set");
        c.setSelectedFile(new java.io.File(name));
        return c.showSaveDialog(owner) == JFileChooser.APPROVE_OPTION ? c.getSelectedFile().toPath() : null;
    }

    static void report(Component owner, Path file, String error) {
        if (error != null) {
            JOptionPane.showMessageDialog(owner, error, "Export Working Set", JOptionPane.ERROR_MESSAGE);
        }
    }

    /**
     * Writes the {@code recorded} set of the session's trace to {@code target} (only the selected
     * pages if {@code onlySelection}); calls {@code done} on the Event Dispatch Thread with the
     * file and null, or an error message.
     */
    static SwingWorker<Void, Void> recorded(CaptureSession session, Path target, boolean onlySelection,
            BiConsumer<Path, String> done) {
        ThreadGuard.uiThreadGuard();
        Capture capture = session.loaded().capture();
        Path trace = session.loaded().files().uffd();
        Selection selection = onlySelection ? session.selection() : null;
        String where = session.title();
        return write(() -> {
            RestoreRun run = RestoreRun.of(trace == null ? "(no trace)" : String.valueOf(trace.getFileName()), capture.trace());
            return new Job(Strategy.RECORDED, List.of(run), selection == null ? null : PageSelection.of(selection, run),
                    where);
        }, target, done);
    }

    /** What to export: a set strategy, the runs it trains on, its selection (or null), the capture's name. */
    record Job(Strategy strategy, List<RestoreRun> train, PageSelection selection, String capture) {
    }

    /** Builds the job's set and writes it on a worker. */
    static SwingWorker<Void, Void> write(java.util.function.Supplier<Job> job, Path target, BiConsumer<Path, String> done) {
        return BackgroundWrite.start(target, () -> {
            Job j = job.get();
            WorkingSetFile.export(target, j.strategy(), j.train(), j.selection(), j.capture());
        }, (file, error) -> done.accept(file, error == null ? null : "Could not write " + file + ": " + error));
    }
}
