package org.uffdvisualizer.swing;

import java.util.List;
import java.util.concurrent.ExecutionException;
import javax.swing.SwingWorker;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.CancellationFlag;
import org.uffdvisualizer.progress.CancelledException;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Palette;

/**
 * Loads a capture and builds its grid on a background thread ({@link #doInBackground}), reports
 * progress to the Event Dispatch Thread ({@link #process}), and hands the result or the failure
 * to the window there ({@link #done}). {@link #cancelLoad()} may be called from any thread.
 */
final class LoadCaptureTask extends SwingWorker<LoadCaptureTask.Opened, LoadCaptureTask.Progress> {

    /** A loaded capture with its grid, ready to show. */
    record Opened(CaptureSource source, LoadedCapture loaded, PageGrid grid, javax.swing.tree.DefaultMutableTreeNode tree,
            long millis) {
    }

    /** One progress report. */
    record Progress(String task, long done, long total) {
    }

    /** What the window does with the outcome, on the Event Dispatch Thread. */
    interface Outcome {
        void progress(Progress p);

        void opened(Opened o);

        void failed(String message);

        void cancelled();
    }

    private final CaptureSource source;
    private final int width;
    private final long frames;
    private final int framesPerCell;
    private final java.awt.Dimension view;
    private final Palette palette;
    private final java.util.Set<org.uffdvisualizer.render.Overlay> overlays;
    private final Outcome outcome;
    private final CancellationFlag flag;
    private java.util.concurrent.Future<LoadedCapture> preloaded;

    /** One cell per 4 KiB page. */
    LoadCaptureTask(CaptureSource source, int width, long frames, java.awt.Dimension view, Palette palette,
            java.util.Set<org.uffdvisualizer.render.Overlay> overlays, Outcome outcome) {
        this(source, width, frames, 1, view, palette, overlays, outcome);
    }

    /**
     * @param width         cells per row, or 0 to choose the width that shows the grid largest in {@code view}
     * @param framesPerCell 4 KiB frames per cell (a power of two)
     */
    LoadCaptureTask(CaptureSource source, int width, long frames, int framesPerCell, java.awt.Dimension view,
            Palette palette, java.util.Set<org.uffdvisualizer.render.Overlay> overlays, Outcome outcome) {
        this.overlays = java.util.Set.copyOf(overlays);
        this.source = source;
        this.width = width;
        this.framesPerCell = framesPerCell;
        this.view = view;
        this.frames = frames;
        this.palette = palette;
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
     * Uses a load that was started before the window existed (start-up overlaps parsing with
     * creating the window) instead of loading again. Call before {@link #execute()}.
     */
    void usePreloaded(java.util.concurrent.Future<LoadedCapture> load) {
        preloaded = load;
    }

    /** Asks the loader to stop at its next check; safe from any thread. */
    void cancelLoad() {
        flag.cancel();
    }

    /** Background thread. */
    @Override
    protected Opened doInBackground() throws Exception {
        long start = System.nanoTime();
        LoadedCapture loaded;
        if (preloaded != null) {
            try {
                loaded = preloaded.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        } else {
            loaded = CaptureLoader.load(source.resolve(), source.options(), flag);
        }
        flag.checkCancelled();
        publish(new Progress("building the page grid", 0, -1));
        long shown = frames > 0 ? frames : loaded.capture().physical().frameCount();
        long cells = (shown + framesPerCell - 1) / framesPerCell;
        int w = width > 0 ? width : PageGrid.widthToFit(cells, view.width, view.height);
        PageGrid grid = new PageGrid(loaded.capture(), w, frames, framesPerCell, palette, overlays);
        flag.checkCancelled();
        javax.swing.tree.DefaultMutableTreeNode tree = CaptureTree.build(loaded.capture());
        return new Opened(source, loaded, grid, tree, (System.nanoTime() - start) / 1_000_000);
    }

    /** Event Dispatch Thread. */
    @Override
    protected void process(List<Progress> chunks) {
        outcome.progress(chunks.get(chunks.size() - 1));
    }

    /** Event Dispatch Thread. */
    @Override
    protected void done() {
        try {
            outcome.opened(get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancelledException) {
                outcome.cancelled();
            } else {
                outcome.failed(message(cause));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome.cancelled();
        } catch (java.util.concurrent.CancellationException e) {
            outcome.cancelled();
        }
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
