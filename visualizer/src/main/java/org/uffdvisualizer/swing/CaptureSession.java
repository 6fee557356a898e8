package org.uffdvisualizer.swing;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.swing.tree.DefaultMutableTreeNode;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.render.FaultTimeline;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.Selection;

/**
 * One capture as the window shows it: where it came from, the loaded model, its {@link PageGrid}
 * (which holds the replay cursor, the selection, overlays and palette), the process tree built
 * for it, and its {@link ReplayController}. A load ({@link LoadCaptureTask}) produces one; a
 * {@link CaptureView} shows one; nothing else keeps state of a capture. Two sessions of the same
 * or of different captures are independent.
 *
 * <p>Thread contract: created and used on the Event Dispatch Thread only (checked by
 * {@link ThreadGuard} when it is on). The parts it is made of (model, grid, tree) are built on a
 * worker thread and handed over through {@link javax.swing.SwingWorker#done()}, which publishes
 * them safely. Listeners are called on the Event Dispatch Thread, synchronously.
 */
public final class CaptureSession {

    /** What a view of the session follows. All on the Event Dispatch Thread. */
    public interface Listener {
        /** The replay moved: the cells in {@code cells} (grid columns and rows) changed colour. */
        default void cellsChanged(Rectangle cells) {
        }

        /** Selection, overlays or palette changed: any cell may have. */
        default void lookChanged() {
        }

        /** The cursor moved, play started or stopped, or the selection changed (status and replay bar). */
        default void replayChanged() {
        }
    }

    private final CaptureSource source;
    private final LoadedCapture loaded;
    private final PageGrid grid;
    private final DefaultMutableTreeNode tree;
    private final FaultTimeline timeline;
    private final ReplayController replay;
    private final List<Listener> listeners = new ArrayList<>();

    /**
     * A session whose timeline data is computed here, on the Event Dispatch Thread: for sessions
     * not opened by a load (a load computes it on its worker).
     *
     * @param tree the capture's process tree, as {@link CaptureTree#build} makes it
     */
    public CaptureSession(CaptureSource source, LoadedCapture loaded, PageGrid grid, DefaultMutableTreeNode tree) {
        this(source, loaded, grid, tree, new FaultTimeline(grid));
    }

    /**
     * @param tree     the capture's process tree, as {@link CaptureTree#build} makes it
     * @param timeline the data of the timeline chart, as {@code new FaultTimeline(grid)} makes it
     */
    public CaptureSession(CaptureSource source, LoadedCapture loaded, PageGrid grid, DefaultMutableTreeNode tree,
            FaultTimeline timeline) {
        ThreadGuard.uiThreadGuard();
        this.source = source;
        this.loaded = loaded;
        this.grid = grid;
        this.tree = tree;
        this.timeline = timeline;
        this.replay = new ReplayController(this);
    }

    public CaptureSource source() {
        return source;
    }

    public LoadedCapture loaded() {
        return loaded;
    }

    /** The grid: read it freely on the Event Dispatch Thread; change it only through this session. */
    public PageGrid grid() {
        return grid;
    }

    public DefaultMutableTreeNode tree() {
        return tree;
    }

    /** The timeline chart's data, computed once for the capture. */
    public FaultTimeline timeline() {
        return timeline;
    }

    /** Play, pause, step and seek; its moves reach the listeners. */
    public ReplayController replay() {
        return replay;
    }

    /** The title of the capture, with " (incomplete)" if lines had to be skipped. */
    public String title() {
        return source.title() + (loaded.capture().trace().isComposedOrder() ? " (composed restore order)" : "")
                + (loaded.isComplete() ? "" : " (incomplete)");
    }

    /** The status line: replay position, counts, selection. */
    public String statusText() {
        ThreadGuard.uiThreadGuard();
        return StatusText.of(grid);
    }

    public void addListener(Listener l) {
        ThreadGuard.uiThreadGuard();
        listeners.add(l);
    }

    /** Stops telling {@code l}; a session that nobody follows any more stops its replay. */
    public void removeListener(Listener l) {
        ThreadGuard.uiThreadGuard();
        listeners.remove(l);
        if (listeners.isEmpty()) {
            replay.stop();
        }
    }

    /** Highlights other pages. */
    public void select(Selection s) {
        ThreadGuard.uiThreadGuard();
        grid.setSelection(s);
        listeners.forEach(Listener::lookChanged);
        replayChanged();
    }

    public Selection selection() {
        return grid.selection();
    }

    public void setOverlays(Set<Overlay> overlays) {
        ThreadGuard.uiThreadGuard();
        grid.setOverlays(overlays);
        listeners.forEach(Listener::lookChanged);
    }

    public void setPalette(Palette palette) {
        ThreadGuard.uiThreadGuard();
        grid.setPalette(palette);
        listeners.forEach(Listener::lookChanged);
    }

    /** Stops the replay and forgets the listeners: the session is no longer shown. */
    public void close() {
        ThreadGuard.uiThreadGuard();
        replay.stop();
        listeners.clear();
    }

    /** Moves the grid's cursor to {@code k} faults applied and tells the listeners which cells changed. */
    void moveCursor(int k) {
        ThreadGuard.uiThreadGuard();
        Rectangle cells = grid.setCursor(k);
        if (cells != null) {
            for (Listener l : listeners) {
                l.cellsChanged(cells);
            }
        }
    }

    void replayChanged() {
        for (Listener l : List.copyOf(listeners)) {
            l.replayChanged();
        }
    }
}
