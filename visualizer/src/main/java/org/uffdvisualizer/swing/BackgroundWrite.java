package org.uffdvisualizer.swing;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import javax.swing.SwingWorker;

/**
 * Writes a file on a worker and tells the Event Dispatch Thread how it went: the exports of the
 * window (PNG of the view, working sets) share it.
 */
final class BackgroundWrite {

    /** The writing itself, run on the worker. */
    interface Writer {
        void write() throws Exception;
    }

    private BackgroundWrite() {
    }

    /**
     * Runs {@code writer} on a worker; then calls {@code done} on the Event Dispatch Thread with
     * {@code target} and null, or an error message.
     */
    static SwingWorker<Void, Void> start(Path target, Writer writer, BiConsumer<Path, String> done) {
        SwingWorker<Void, Void> worker = new SwingWorker<>() {
            @Override
            protected Void doInBackground() throws Exception {
                ThreadGuard.notUiThreadGuard();
                writer.write();
                return null;
            }

            @Override
            protected void done() {
                try {
                    get();
                    done.accept(target, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done.accept(target, "interrupted");
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    done.accept(target, String.valueOf(cause.getMessage()));
                }
            }
        };
        worker.execute();
        return worker;
    }
}
