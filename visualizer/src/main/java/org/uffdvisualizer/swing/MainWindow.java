package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Toolkit;
import java.awt.event.WindowEvent;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.swing.Action;
import javax.swing.JFrame;
import javax.swing.JSplitPane;
import javax.swing.WindowConstants;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.render.CellDescription;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Palette;

/**
 * The frame: menus and toolbar, the capture tree on the left, a {@link CaptureView} in the middle
 * (with those compared to it: {@link ComparisonPanel}), diagnostics below. It arranges these and routes the
 * commands; the capture shown is the view's {@link CaptureSession}, which is the only holder of
 * per-capture state. Frame-wide settings (overlays, palette, theme) apply to every session shown.
 *
 * <p>Create and use it on the Event Dispatch Thread only.
 */
public final class MainWindow extends JFrame implements CaptureView.Listener {
    private static final long serialVersionUID = 1L;

    private final transient WindowOptions options;
    private final transient AppPreferences prefs;
    private final transient CaptureReader reader;
    private final transient Map<WindowAction, Action> actions = new EnumMap<>(WindowAction.class);
    private final transient OverlayToggles overlays = new OverlayToggles(o -> withSession(s -> s.setOverlays(o)));
    private final CaptureTreePanel tree = new CaptureTreePanel();
    private final DiagnosticsPanel diagnostics = new DiagnosticsPanel();
    private final CaptureView view;
    private final ComparisonPanel comparison;
    private final JSplitPane centreSplit;
    private final JSplitPane mainSplit;
    private final RecentMenu recentMenu;

    public MainWindow(WindowOptions options, AppPreferences prefs) {
        this(options, prefs, CaptureReader.FILES);
    }

    /** A window whose loads read captures with {@code reader} (tests hold loads back with it). */
    MainWindow(WindowOptions options, AppPreferences prefs, CaptureReader reader) {
        super(WindowDialogs.APP);
        ThreadGuard.uiThreadGuard();
        this.options = options;
        this.prefs = prefs;
        this.reader = reader;
        setName("mainWindow");
        setDefaultCloseOperation(options.exitOnClose() ? WindowConstants.EXIT_ON_CLOSE : WindowConstants.DISPOSE_ON_CLOSE);
        createActions();
        recentMenu = new RecentMenu(prefs, options.loader(), this::open);
        view = new CaptureView(overlays.actions(), options.scale(), prefs);
        if (options.firstFrame() != null) {
            view.canvas().runAfterFirstPaint(options.firstFrame());
        }
        comparison = new ComparisonPanel(view, this, () -> new CaptureView(overlays.actions(), options.scale()),
                this::gridOptions, reader, prefs);
        tree.setSelectionListener(comparison::select);
        centreSplit = new JSplitPane(JSplitPane.VERTICAL_SPLIT, comparison, diagnostics);
        centreSplit.setResizeWeight(1);
        diagnostics.setVisible(false);
        mainSplit = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tree, centreSplit);
        mainSplit.setResizeWeight(0);
        getContentPane().add(WindowMenus.toolBar(this::action), BorderLayout.NORTH);
        getContentPane().add(mainSplit, BorderLayout.CENTER);
        setJMenuBar(WindowMenus.menuBar(this::action, overlays.actions(), recentMenu));

        FileDropHandler drop = new FileDropHandler(paths -> dropped(paths, this::open));
        getRootPane().setTransferHandler(drop);
        view.canvas().setTransferHandler(drop);
        tree.tree().setTransferHandler(drop);

        Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
        setSize(Math.min(1500, screen.width - 40), Math.min(950, screen.height - 60));
        mainSplit.setDividerLocation(Math.min(420, getWidth() / 3));
        setLocationRelativeTo(null);
        actions.get(WindowAction.RELOAD).setEnabled(false);
        actions.get(WindowAction.EXPORT_PNG).setEnabled(false);
    }

    // ---- actions

    private void createActions() {
        // One handler for all, as in CaptureView: a lambda each would have its class spun at start-up.
        for (WindowAction id : new WindowAction[] {WindowAction.OPEN_DIRECTORY, WindowAction.COMPARE_WITH,
            WindowAction.COMPARE_RESTORES, WindowAction.OPEN_FILES, WindowAction.OPEN_BUNDLED, WindowAction.RELOAD,
            WindowAction.EXPORT_PNG, WindowAction.QUIT, WindowAction.FILTER_TREE, WindowAction.CLEAR_SELECTION,
            WindowAction.ABOUT, WindowAction.SHORTCUTS, WindowAction.COLOURS}) {
            actions.put(id, id.create(e -> perform(id)));
        }
        actions.put(WindowAction.DARK_THEME, WindowAction.DARK_THEME.createToggle(prefs.darkTheme(), dark -> {
            prefs.setDarkTheme(dark);
            Theme.switchTo(dark);
            withSession(s -> s.setPalette(palette()));
        }));
        actions.put(WindowAction.COLOR_BLIND, WindowAction.COLOR_BLIND.createToggle(prefs.colorBlind(), on -> {
            prefs.setColorBlind(on);
            withSession(s -> s.setPalette(palette()));
        }));
        actions.put(WindowAction.SELECT_JVM_ON_OPEN, WindowAction.SELECT_JVM_ON_OPEN.createToggle(prefs.selectJvmOnOpen(),
                prefs::setSelectJvmOnOpen));
        actions.put(WindowAction.SHOW_DIAGNOSTICS, WindowAction.SHOW_DIAGNOSTICS.createToggle(false, this::showDiagnostics));
    }

    private void perform(WindowAction id) {
        switch (id) {
            case OPEN_DIRECTORY -> dropped(WindowDialogs.chooseCapture(this, prefs), this::open);
            case COMPARE_WITH -> dropped(WindowDialogs.chooseCapture(this, prefs), comparison::add);
            case COMPARE_RESTORES -> comparison.addRestores();
            case OPEN_FILES -> {
                var files = OpenFilesDialog.ask(this, prefs.lastDirectory());
                if (files != null) {
                    open(CaptureSource.ofFiles(files, options.loader()));
                }
            }
            case OPEN_BUNDLED -> openBundled();
            case RELOAD -> open(session().source());
            case EXPORT_PNG -> ViewExport.writeShown(view, WindowDialogs.choosePng(this, prefs, session()));
            case QUIT -> dispatchEvent(new WindowEvent(this, WindowEvent.WINDOW_CLOSING));
            case FILTER_TREE -> tree.searchField().requestFocusInWindow();
            case CLEAR_SELECTION -> {
                tree.tree().clearSelection();
                comparison.select(null);
            }
            case ABOUT -> WindowDialogs.about(this);
            case SHORTCUTS -> HelpDialogs.shortcuts(this);
            case COLOURS -> HelpDialogs.colours(this, palette());
            default -> throw new IllegalArgumentException("not a command of the window: " + id);
        }
    }

    /** The shared action of a command: the frame's, or the view's for zoom and replay (tests and the benchmark use them). */
    public Action action(WindowAction id) {
        Action a = actions.get(id);
        return a != null ? a : view.action(id);
    }

    // ---- loading

    /** Loads {@code source} in the background; the current capture stays until it has loaded. */
    public void open(CaptureSource source) {
        load(source, reader);
    }

    /** Shows the capture {@code preload} (started before the window) parses, with progress and Cancel as any load. */
    public void open(CaptureSource source, Preload preload) {
        load(source, preload.reader());
    }

    private void load(CaptureSource source, CaptureReader with) {
        ThreadGuard.uiThreadGuard();
        actions.get(WindowAction.RELOAD).setEnabled(false);
        view.load(source, gridOptions(), with);
    }

    private GridOptions gridOptions() {
        return new GridOptions(options.width(), options.frames(), options.framesPerCell(), palette(), overlays.selected());
    }

    /** Opens the capture built into the jar. */
    public void openBundled() {
        try {
            open(BundledCapture.source(options.loader()));
        } catch (CaptureException e) {
            WindowDialogs.error(this, "Cannot open the bundled capture", e.getMessage());
        }
    }

    /** Whether a capture is being loaded now. */
    public boolean isLoading() {
        return view.isLoading();
    }

    /** Opens (or compares with) dropped or chosen files or a directory; nothing for none (a cancelled chooser). */
    private void dropped(List<Path> paths, java.util.function.Consumer<CaptureSource> to) {
        if (paths.isEmpty()) {
            return;
        }
        try {
            to.accept(CaptureSource.ofDropped(paths, options.loader()));
        } catch (CaptureException e) {
            WindowDialogs.error(this, "Cannot open what was dropped", e.getMessage());
        }
    }

    // ---- what the view tells

    @Override
    public void sessionShown(CaptureView v, CaptureSession s) {
        // Overlays or palette may have been switched while it loaded.
        s.setOverlays(overlays.selected());
        s.setPalette(palette());
        tree.show(s, prefs.selectJvmOnOpen());
        mainSplit.setDividerLocation(tree.widthToShow(mainSplit.getDividerLocation(), getWidth()));
        diagnostics.setDiagnostics(s.loaded().diagnostics());
        LogChoice.offer(v.statusBar(), s, this::open);
        long bad = s.loaded().diagnostics().count();
        v.statusBar().setDiagnostics(bad);
        if (bad > 0 && !diagnostics.isVisible()) {
            showDiagnostics(true);
        }
        setTitle(WindowDialogs.APP + " — " + s.title());
        if (!BundledCapture.TITLE.equals(s.source().title())) {
            recentMenu.add(s.source());
        }
        actions.get(WindowAction.EXPORT_PNG).setEnabled(true);
    }

    @Override
    public void loadEnded(CaptureView v) {
        actions.get(WindowAction.RELOAD).setEnabled(session() != null);
    }

    @Override
    public void loadFailed(CaptureView v, CaptureSource source, String message) {
        WindowDialogs.error(this, "Cannot open " + source.title(), message);
    }

    @Override
    public void frameDoubleClicked(CaptureView v, long frame) {
        CellDescription d = CellDescription.of(v.session().grid(), frame);
        if (d != null && !d.ownerMappings().isEmpty()) {
            tree.revealMapping(d.ownerMappings().get(0));
        }
    }

    @Override
    public void diagnosticsRequested(CaptureView v) {
        showDiagnostics(true);
    }

    private void showDiagnostics(boolean on) {
        actions.get(WindowAction.SHOW_DIAGNOSTICS).putValue(Action.SELECTED_KEY, on);
        diagnostics.setVisible(on);
        centreSplit.setDividerLocation(0.72);
    }

    // ---- frame-wide settings and export

    private Palette palette() {
        return Palette.of(prefs.darkTheme(), prefs.colorBlind());
    }

    /** Applies a frame-wide setting to every session shown (the compared ones too). */
    private void withSession(java.util.function.Consumer<CaptureSession> action) {
        comparison.sessions().forEach(action);
    }

    /** Writes the PNG of the view's session to {@code target} in the background; the status line says when it is done. */
    void exportTo(Path target) {
        ViewExport.writeShown(view, target);
    }

    // ---- parts, for tests and the benchmark

    public CaptureView view() {
        return view;
    }

    /** The compared captures' views and results (the frame's view alone until Compare With). */
    public ComparisonPanel comparison() {
        return comparison;
    }

    /** The session shown, or null. */
    public CaptureSession session() {
        return view.session();
    }

    /** The replay of the session shown (null before the first capture). */
    public ReplayController replay() {
        return session() == null ? null : session().replay();
    }

    public PageGridCanvas canvas() {
        return view.canvas();
    }

    /** The grid shown now, or null. */
    public PageGrid grid() {
        return session() == null ? null : session().grid();
    }
}
