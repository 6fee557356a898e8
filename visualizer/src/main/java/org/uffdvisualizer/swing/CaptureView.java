package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.util.EnumMap;
import java.util.Map;
import javax.swing.Action;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JViewport;
import javax.swing.KeyStroke;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.Overlay;

/**
 * Shows one {@link CaptureSession}: the page grid with its legend, the replay bar that drives the
 * session's replay, and the status line (replay position, selection, zoom, and the progress bar
 * with Cancel while a capture is loading into this view). It has its own zoom and replay actions
 * ({@link #action}), so several views in one frame work independently; the frame's menu and
 * toolbar use those of the view they act on. Loading a capture into the view ({@link #load})
 * replaces its session once the load is done.
 *
 * <p>Event Dispatch Thread only (checked by {@link ThreadGuard} on the entry points).
 */
public final class CaptureView extends JPanel {
    private static final long serialVersionUID = 1L;
    /** The commands that act on a view rather than on the frame. */
    static final WindowAction[] VIEW_ACTIONS = {WindowAction.ZOOM_IN, WindowAction.ZOOM_OUT, WindowAction.ZOOM_FIT,
        WindowAction.ZOOM_ACTUAL, WindowAction.ZOOM_SELECTION, WindowAction.PLAY_PAUSE, WindowAction.STEP_BACK,
        WindowAction.STEP_FORWARD, WindowAction.TO_START, WindowAction.TO_END, WindowAction.GO_TO_FAULT,
        WindowAction.SELECTION_FIRST_FAULT, WindowAction.SELECTION_LAST_FAULT, WindowAction.SELECTION_ONLY,
        WindowAction.LOCALITY, WindowAction.COMPACT_VIEW, WindowAction.PREFETCH_WHAT_IF,
        WindowAction.EXPORT_WORKING_SET};

    /** What the frame hears from a view, on the Event Dispatch Thread. */
    public interface Listener {
        /** The view shows {@code session} now (a load into it finished, or {@link #setSession}). */
        default void sessionShown(CaptureView view, CaptureSession session) {
        }

        /** A load into the view ended in any way (to enable Reload again, for example). */
        default void loadEnded(CaptureView view) {
        }

        default void loadFailed(CaptureView view, CaptureSource source, String message) {
        }

        /** The user double-clicked the cell that shows {@code frame}. */
        default void frameDoubleClicked(CaptureView view, long frame) {
        }

        /** The user clicked the skipped-lines button of the status line. */
        default void diagnosticsRequested(CaptureView view) {
        }
    }

    private final PageGridCanvas canvas = new PageGridCanvas();
    private final JScrollPane scroll = new JScrollPane(canvas);
    private final transient Map<WindowAction, Action> actions = new EnumMap<>(WindowAction.class);
    private final ReplayControls replayControls;
    /** Holds the timeline, made when a session first has one to show: JFreeChart's classes load after the first frame. */
    private final JPanel timelineSlot = new JPanel(new BorderLayout());
    private TimelinePanel timeline;
    private final LegendPanel legend;
    /** The legend and the overlay toggles beside the grid. */
    private final JScrollPane legendColumn;
    private final StatusBar statusBar;
    private final transient CaptureLoads loads;
    private final transient CaptureSession.Listener follower = new Follower();
    private final double startScale;
    private final transient AppPreferences prefs;
    private transient Listener listener = new Listener() { };
    private transient CaptureSession session;

    /**
     * @param overlayActions the frame's overlay toggles, shown in the legend
     * @param startScale     pixels per cell for a new session, or 0 to fit the view
     */
    public CaptureView(Map<Overlay, Action> overlayActions, double startScale) {
        this(overlayActions, startScale, null);
    }

    /** A view whose compact view is on as {@code prefs} remember it, and remembered there when toggled (null: not). */
    public CaptureView(Map<Overlay, Action> overlayActions, double startScale, AppPreferences prefs) {
        super(new BorderLayout());
        ThreadGuard.uiThreadGuard();
        this.startScale = startScale;
        this.prefs = prefs;
        createActions();
        replayControls = new ReplayControls(actions);
        replayControls.onTrailLength(canvas::setTrailLength);
        legend = new LegendPanel(overlayActions);
        statusBar = new StatusBar(this::cancelLoad, () -> listener.diagnosticsRequested(this));
        loads = new CaptureLoads(new LoadTarget());
        canvas.setName("pageGrid");
        bindKeys();
        scroll.setName("gridScroll");
        scroll.getViewport().setScrollMode(JViewport.BLIT_SCROLL_MODE);
        CompactGutter.attach(canvas, scroll);
        canvas.setCellDoubleClicked(f -> listener.frameDoubleClicked(this, f));
        canvas.addPropertyChangeListener("scale", e -> showZoom());

        JPanel gridArea = new JPanel(new BorderLayout());
        gridArea.add(scroll, BorderLayout.CENTER);
        legendColumn = new JScrollPane(legend, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        legendColumn.setBorder(null);
        legendColumn.setName("legendColumn");
        timelineSlot.setName("timelineSlot");
        gridArea.add(legendColumn, BorderLayout.EAST);
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(replayControls, BorderLayout.NORTH);
        bottom.add(timelineSlot, BorderLayout.CENTER);
        bottom.add(statusBar, BorderLayout.SOUTH);
        add(gridArea, BorderLayout.CENTER);
        add(bottom, BorderLayout.SOUTH);
        showSession();
        statusBar.setStatus("Open a capture: File > Open, or drop a capture directory here");
    }

    /** The view's commands: each action runs {@link #perform} with its id. */
    private static final WindowAction[] COMMANDS = {WindowAction.ZOOM_IN, WindowAction.ZOOM_OUT, WindowAction.ZOOM_FIT,
        WindowAction.ZOOM_ACTUAL, WindowAction.ZOOM_SELECTION, WindowAction.PLAY_PAUSE, WindowAction.STEP_BACK,
        WindowAction.STEP_FORWARD, WindowAction.TO_START, WindowAction.TO_END, WindowAction.GO_TO_FAULT,
        WindowAction.SELECTION_FIRST_FAULT, WindowAction.SELECTION_LAST_FAULT, WindowAction.SELECTION_ONLY,
        WindowAction.LOCALITY, WindowAction.PREFETCH_WHAT_IF, WindowAction.EXPORT_WORKING_SET};

    private void createActions() {
        // One handler for all rather than a lambda each: the JVM spins a class for every lambda when it is first
        // reached, which the window's construction paid at start-up for commands not yet used (docs/PERFORMANCE.md).
        for (WindowAction id : COMMANDS) {
            actions.put(id, id.create(e -> perform(id)));
        }
        actions.get(WindowAction.SELECTION_ONLY).putValue(Action.SELECTED_KEY, false);
        boolean compact = prefs != null && prefs.compactView();
        actions.put(WindowAction.COMPACT_VIEW, WindowAction.COMPACT_VIEW.createToggle(compact, on -> {
            if (prefs != null) {
                prefs.setCompactView(on);
            }
            canvas.setCompact(on);
        }));
        canvas.setCompact(compact);
    }

    private void perform(WindowAction id) {
        switch (id) {
            case ZOOM_IN -> canvas.zoomIn();
            case ZOOM_OUT -> canvas.zoomOut();
            case ZOOM_FIT -> canvas.fit();
            case ZOOM_ACTUAL -> canvas.actualSize();
            case ZOOM_SELECTION -> canvas.zoomToSelection();
            case PLAY_PAUSE -> replay(r -> r.togglePlay());
            case STEP_BACK -> replay(r -> r.step(-1));
            case STEP_FORWARD -> replay(r -> r.step(+1));
            case TO_START -> replay(r -> {
                r.stop();
                r.seek(0);
            });
            case TO_END -> replay(r -> {
                r.stop();
                r.seek(r.faultCount());
            });
            case GO_TO_FAULT -> replayControls.focusGoTo();
            case SELECTION_FIRST_FAULT -> replay(r -> r.seekSelectionFault(false));
            case SELECTION_LAST_FAULT -> replay(r -> r.seekSelectionFault(true));
            case SELECTION_ONLY -> replay(r -> { });
            case LOCALITY -> withSession(s -> LocalityDialog.show(this, s));
            case PREFETCH_WHAT_IF -> withSession(s -> PrefetchDialog.show(this, s));
            case EXPORT_WORKING_SET -> withSession(s -> WorkingSetExport.choose(this, s));
            default -> throw new IllegalArgumentException("not a command of the view: " + id);
        }
    }

    private void withSession(java.util.function.Consumer<CaptureSession> command) {
        if (session != null) {
            command.accept(session);
        }
    }

    private void replay(java.util.function.Consumer<ReplayController> command) {
        if (session != null) {
            session.replay().setSelectionOnly(Boolean.TRUE.equals(actions.get(WindowAction.SELECTION_ONLY)
                    .getValue(Action.SELECTED_KEY)));
            command.accept(session.replay());
        }
    }

    /** On the grid, + and - zoom without a modifier, and the arrows and Home/End drive the replay (not the scrolling). */
    private void bindKeys() {
        for (String key : new String[] {"PLUS", "EQUALS", "ADD", "shift EQUALS"}) {
            canvas.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key), WindowAction.ZOOM_IN.name());
        }
        for (String key : new String[] {"MINUS", "SUBTRACT"}) {
            canvas.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key), WindowAction.ZOOM_OUT.name());
        }
        for (WindowAction id : VIEW_ACTIONS) {
            if (id.isPlainKey()) {
                canvas.getInputMap(JComponent.WHEN_FOCUSED).put(id.keyStroke(), id.name());
            }
            canvas.getActionMap().put(id.name(), actions.get(id));
        }
    }

    public void setListener(Listener l) {
        listener = l;
    }

    /** This view's action for a command of {@link #VIEW_ACTIONS}, or null for a frame command. */
    public Action action(WindowAction id) {
        return actions.get(id);
    }

    /** The session shown, or null before the first load. */
    public CaptureSession session() {
        return session;
    }

    /** Shows {@code s} instead of the current session (which stops following this view). */
    public void setSession(CaptureSession s) {
        ThreadGuard.uiThreadGuard();
        if (session != null) {
            session.removeListener(follower);
        }
        session = s;
        if (s != null) {
            s.addListener(follower);
        }
        showSession();
    }

    private void showSession() {
        // The timeline first: it takes height from the grid, which is then fitted to what is left.
        showTimeline();
        validate();
        canvas.setGrid(session == null ? null : session.grid(), startScale > 0 ? startScale : 1);
        if (session != null && startScale <= 0) {
            scroll.getViewport().doLayout();
            canvas.fit();
        }
        showZoom();
        replayControls.show(session == null ? null : session.replay());
        if (session != null) {
            legend.update(session.grid());
        }
        boolean any = session != null && session.replay().faultCount() > 0;
        for (WindowAction a : new WindowAction[] {WindowAction.PLAY_PAUSE, WindowAction.STEP_BACK,
            WindowAction.STEP_FORWARD, WindowAction.TO_START, WindowAction.TO_END, WindowAction.GO_TO_FAULT,
            WindowAction.SELECTION_FIRST_FAULT, WindowAction.SELECTION_LAST_FAULT}) {
            actions.get(a).setEnabled(any);
        }
        follower.replayChanged();
    }

    /**
     * Charts the session under the replay bar. Until a grid is on screen the chart only takes its
     * room and is made once the grid has been painted: the window's first frame does not wait for
     * JFreeChart to load and draw (a quarter of the window's start, docs/PERFORMANCE.md).
     */
    private void showTimeline() {
        if (!timelineSlot.isVisible()) {
            return;     // compared views leave the timeline to the Charts tab: no chart made or kept up to date
        }
        boolean any = session != null && session.grid().capture().trace().faultCount() > 0;
        if (timeline != null || any && canvas.hasPaintedGrid()) {
            timeline().show(session);
            return;
        }
        timelineSlot.setPreferredSize(any ? new Dimension(0, TimelinePanel.HEIGHT) : null);
        if (any) {
            canvas.runAfterFirstPaint(() -> {
                if (timeline == null && timelineSlot.isVisible()) {
                    timelineSlot.setPreferredSize(null);
                    timeline().show(session);
                }
            });
        }
    }

    // ---- loading

    /**
     * Loads {@code source} in the background with {@code grid}'s layout (width 0: the width that
     * fills this view) and shows it when done; the current session stays until then. A load
     * still running is superseded: whatever it reports from now on is ignored.
     */
    CaptureLoads.Load load(CaptureSource source, GridOptions grid, CaptureReader reader) {
        ThreadGuard.uiThreadGuard();
        if (session != null) {
            session.replay().stop();
        }
        statusBar.loading(true);
        statusBar.setStatus("Loading " + source.title() + "…");
        Dimension view = scroll.getViewport().getExtentSize();
        if (view.width < 100 || view.height < 100) {
            view = new Dimension(900, 650);     // not laid out yet
        }
        if (startScale > 0) {
            // A fixed starting scale: the width that fills the view at that scale.
            view = new Dimension((int) (view.width / startScale), (int) (view.height / startScale));
        }
        return loads.start(new LoadCaptureTask.Request(source, grid, view, reader));
    }

    /**
     * Shows or hides the parts around the grid that compared views can share: the legend and
     * overlay column beside it and the timeline below it.
     */
    void setSideParts(boolean legendShown, boolean timelineShown) {
        ThreadGuard.uiThreadGuard();
        if (legendColumn.isVisible() != legendShown || timelineSlot.isVisible() != timelineShown) {
            legendColumn.setVisible(legendShown);
            timelineSlot.setVisible(timelineShown);
            if (timelineShown) {
                showTimeline();     // of the session shown now, at its replay position: a hidden slot charts nothing
                if (timeline != null) {
                    timeline.cursorChanged();
                }
            }
            revalidate();
        }
    }

    /** Cancels the load into this view, if one is running. */
    public void cancelLoad() {
        ThreadGuard.uiThreadGuard();
        loads.cancel();
    }

    /** Whether a capture is being loaded into this view. */
    public boolean isLoading() {
        return loads.isLoading();
    }

    /** What happens with the outcome of the load that still counts. */
    private final class LoadTarget implements CaptureLoads.Target {
        @Override
        public void progress(CaptureLoads.Load load, LoadCaptureTask.Progress p) {
            statusBar.progress(p.task(), p.done(), p.total());
        }

        @Override
        public void opened(CaptureLoads.Load load, CaptureSession s) {
            statusBar.loading(false);
            setSession(s);
            listener.loadEnded(CaptureView.this);
            listener.sessionShown(CaptureView.this, s);
        }

        @Override
        public void failed(CaptureLoads.Load load, String message) {
            statusBar.loading(false);
            statusBar.setStatus("Could not open " + load.source().title());
            listener.loadEnded(CaptureView.this);
            listener.loadFailed(CaptureView.this, load.source(), message);
        }

        @Override
        public void cancelled(CaptureLoads.Load load) {
            statusBar.loading(false);
            statusBar.setStatus("Loading cancelled" + (session == null ? "" : "; still showing "
                    + session.source().title()));
            listener.loadEnded(CaptureView.this);
        }
    }

    // ---- following the session

    private void showZoom() {
        statusBar.setZoom(canvas.scale(), session == null ? 4 : session.grid().framesPerCell() * 4L);
    }

    /** Repaints what the session changed; updates the status line, the replay bar and the play icon. */
    private final class Follower implements CaptureSession.Listener {
        @Override
        public void cellsChanged(Rectangle cells) {
            canvas.repaintCells(cells);
        }

        @Override
        public void lookChanged() {
            canvas.gridChanged();
            legend.update(session.grid());
        }

        @Override
        public void replayChanged() {
            if (session != null && !loads.isLoading()) {
                statusBar.setStatus(session.statusText());
            }
            replayControls.cursorChanged();
            canvas.markerMoved();
            if (timeline != null) {
                timeline.cursorChanged();
            }
            boolean playing = session != null && session.replay().isPlaying();
            actions.get(WindowAction.PLAY_PAUSE).putValue(Action.SMALL_ICON, playing ? ToolbarIcon.PAUSE : ToolbarIcon.PLAY);
        }
    }

    // ---- parts, for the frame, tests and the benchmark

    /** The timeline chart's panel (made now if the view has not needed it yet). */
    public TimelinePanel timeline() {
        if (timeline == null) {
            timeline = new TimelinePanel();
            timelineSlot.add(timeline, BorderLayout.CENTER);
            timelineSlot.revalidate();
        }
        return timeline;
    }

    public PageGridCanvas canvas() {
        return canvas;
    }

    public ReplayControls replayControls() {
        return replayControls;
    }

    public StatusBar statusBar() {
        return statusBar;
    }
}
