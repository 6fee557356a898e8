package org.uffdvisualizer.swing;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import javax.swing.SwingWorker;
import org.uffdvisualizer.render.CompactRows;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PngExport;

/**
 * File > Export View as PNG: the session's whole grid drawn by the renderer of the {@code render}
 * command ({@link GridSnapshot}), with the legend to its right and a caption strip below naming
 * the capture and the replay position, at the view's zoom rounded to whole pixels per cell. The
 * picture is drawn on the Event Dispatch Thread (where the grid lives) and encoded and written,
 * atomically, on a worker.
 */
final class ViewExport {
    /** Larger pictures are drawn at a smaller scale (64 Mi pixels, 256 MiB of image). */
    static final long MAX_PIXELS = 64L << 20;

    private ViewExport() {
    }

    /** Pixels per cell for the picture: the view's zoom, at least 1, less if the picture would be too large. */
    static int scaleFor(PageGrid grid, double viewScale) {
        int s = Math.max(1, (int) Math.round(viewScale));
        while (s > 1 && (long) grid.width() * s * grid.rows() * s > MAX_PIXELS) {
            s--;
        }
        return s;
    }

    /**
     * The picture of what {@code session} shows now, at a view's zoom, with the rows of its compact
     * view (null: all rows). Event Dispatch Thread.
     */
    static BufferedImage image(CaptureSession session, double viewScale, CompactRows compact) {
        ThreadGuard.uiThreadGuard();
        PageGrid grid = session.grid();
        return GridSnapshot.of(grid, new GridSnapshot.Options(scaleFor(grid, viewScale), true,
                GridSnapshot.caption(session.title(), grid), compact));
    }

    /**
     * Writes the PNG of what {@code view} shows to {@code target} (nothing for null: a cancelled
     * chooser) in the background; the view's status line says when it is done, a dialog if it failed.
     */
    static void writeShown(CaptureView view, Path target) {
        if (target == null || view.session() == null) {
            return;
        }
        write(view.session(), view.canvas().scale(), view.canvas().compactRows(), target, (out, error) -> {
            if (error == null) {
                view.statusBar().setStatus("Wrote " + out);
            } else {
                WindowDialogs.error(view, "Cannot write " + out, error);
            }
        });
    }

    /**
     * Draws the picture now and writes it to {@code target} in the background; then calls
     * {@code done} on the Event Dispatch Thread with the target and null, or an error message.
     */
    static SwingWorker<Void, Void> write(CaptureSession session, double viewScale, CompactRows compact, Path target,
            BiConsumer<Path, String> done) {
        BufferedImage image = image(session, viewScale, compact);
        return BackgroundWrite.start(target, () -> PngExport.write(image, target), done);
    }
}
