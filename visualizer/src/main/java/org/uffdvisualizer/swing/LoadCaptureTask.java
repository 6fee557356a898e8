package org.uffdvisualizer.swing;

import java.awt.Dimension;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import javax.swing.SwingWorker;
import javax.swing.tree.DefaultMutableTreeNode;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.CancellationFlag;
import org.uffdvisualizer.progress.CancelledException;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.FaultTimeline;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageGrid;

/**
 * Loads a capture and builds its grid, tree and timeline data on a background thread ({@link #doInBackground}),
 * reports progress to the Event Dispatch Thread ({@link #process}), and there hands over a new
 * {@link CaptureSession}, a message, or the news that it was cancelled ({@link #done}).
 * {@link #cancelLoad()} may be called from any thread. Which load's outcome still counts is
 * decided by {@link CaptureLoads}.
 */
final class LoadCaptureTask extends SwingWorker<LoadCaptureTask.Parts, LoadCaptureTask.Progress> {

    /**
     * What to load and how to lay it out.
     *
     * @param grid   the grid's options; width 0 chooses the width that shows the grid largest in {@code view}
     * @param view   the area the grid is to fill, for the automatic width
     * @param reader how the model is read: from the files, or from a preload
     */
    record Request(CaptureSource source, GridOptions grid, Dimension view, CaptureReader reader) {
    }

    /** One progress report. */
    record Progress(String task, long done, long total) {
    }

    /** What the view does with the outcome, on the Event Dispatch Thread. */
    interface Outcome {
        void progress(Progress p);

        void opened(CaptureSession session);

        void failed(String message);

        void cancelled();
    }

    /** What the background thread builds; the session is made of it on the Event Dispatch Thread. */
    record Parts(LoadedCapture loaded, PageGrid grid, DefaultMutableTreeNode tree, FaultTimeline timeline) {
    }

    private final Request request;
    private final Outcome outcome;
    private final CancellationFlag flag;

    LoadCaptureTask(Request request, Outcome outcome) {
        this.request = request;
        this.outcome = outcome;
        this.flag = new CancellationFlag(new ProgressListener() {
            private long lastPublish;

            @Override
            public void progress(String task, long done, long total) {
                long now = System.nanoTime();
                if (now - lastPublish > 30_000_000L || done == total) {   // at most ~30 updates a second
                    lastPublish = now;
                    publish(new Progress(task, done, total));
                }
            }
        });
    }

    /**
     * Asks the loader to stop at its next check, and interrupts the worker so that a read blocked
     * in the file system ends too; the load reports itself cancelled at once, whatever the worker
     * is stuck in. Safe from any thread.
     */
    void cancelLoad() {
        flag.cancel();
        // Only a started worker is interrupted: one not yet running sees the flag when it starts (and
        // SwingWorker.cancel before execute was seen never to report done() on Temurin 25 in a real window).
        if (getState() == StateValue.STARTED) {
            cancel(true);
        }
    }

    /** Background thread. */
    @Override
    protected Parts doInBackground() throws Exception {
        ThreadGuard.notUiThreadGuard();
        LoadedCapture loaded = request.reader().read(request.source(), flag);
        flag.checkCancelled();
        // The tree needs only the model: built on the other core meanwhile (at start-up the Event Dispatch Thread waits).
        ForkJoinTask<DefaultMutableTreeNode> tree = ForkJoinPool.commonPool().submit(() -> request.reader().tree(loaded));
        publish(new Progress("building the page grid", 0, -1));
        GridOptions options = request.grid();
        if (options.width() == 0) {
            long shown = options.frameCount() > 0 ? options.frameCount() : loaded.capture().physical().frameCount();
            long cells = (shown + options.framesPerCell() - 1) / options.framesPerCell();
            options = options.withWidth(PageGrid.widthToFit(cells, request.view().width, request.view().height));
        }
        PageGrid grid = new PageGrid(loaded.capture(), options);
        StartupTrace.mark("grid-built");
        flag.checkCancelled();
        // The timeline's pass over every fault, here rather than on the EDT when the view charts it.
        FaultTimeline timeline = new FaultTimeline(grid);
        flag.checkCancelled();
        Parts parts = new Parts(loaded, grid, tree.join(), timeline);
        StartupTrace.mark("tree-and-timeline-built");
        return parts;
    }

    /** Event Dispatch Thread. */
    @Override
    protected void process(List<Progress> chunks) {
        outcome.progress(chunks.get(chunks.size() - 1));
    }

    /** Event Dispatch Thread. */
    @Override
    protected void done() {
        Parts parts;
        try {
            parts = get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancelledException) {
                outcome.cancelled();
            } else {
                outcome.failed(message(cause));
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.cancelled();
            return;
        } catch (java.util.concurrent.CancellationException e) {
            outcome.cancelled();
            return;
        }
        outcome.opened(new CaptureSession(request.source(), parts.loaded(), parts.grid(), parts.tree(), parts.timeline()));
        StartupTrace.mark("session-shown");
    }

    /** Words for the user; never a stack trace. */
    static String message(Throwable t) {
        if (t instanceof CaptureException) {
            return t.getMessage();
        }
        if (t instanceof OutOfMemoryError oom) {
            return new org.uffdvisualizer.parse.NotEnoughMemoryException("this capture", 0, oom).getMessage();
        }
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();
        }
        // A bug: say what happened; the trace goes to stderr for the report, not into the dialog.
        t.printStackTrace();
        return "Unexpected error (please report it): " + t;
    }
}
