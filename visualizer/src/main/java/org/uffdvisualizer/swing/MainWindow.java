package org.uffdvisualizer.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JToolBar;
import javax.swing.SwingWorker;
import javax.swing.WindowConstants;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.render.CellDescription;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.PngExport;
import org.uffdvisualizer.render.Selection;

/**
 * The window: tree on the left, page grid with its legend in the middle, replay bar and status
 * line at the bottom, diagnostics below the grid when a capture had bad lines. It wires the
 * parts together; each part is its own class.
 *
 * <p>Create and use it on the Event Dispatch Thread only.
 */
public final class MainWindow extends JFrame {
    private static final long serialVersionUID = 1L;
    private static final String APP = "UffdVisualizer";

    private final transient WindowOptions options;
    private final transient AppPreferences prefs;
    private final Map<WindowAction, Action> actions = new EnumMap<>(WindowAction.class);
    private final Map<Overlay, Action> overlayActions = new EnumMap<>(Overlay.class);
    private final PageGridCanvas canvas = new PageGridCanvas();
    private final JScrollPane canvasScroll = new JScrollPane(canvas);
    private final CaptureTreePanel tree = new CaptureTreePanel();
    private final transient ReplayController replay;
    private final ReplayControls replayControls;
    private final LegendPanel legend;
    private final StatusBar statusBar;
    private final DiagnosticsPanel diagnostics = new DiagnosticsPanel();
    private final JSplitPane centreSplit;
    private final JSplitPane main;
    private final JMenu recentMenu = new JMenu("Open Recent");
    private transient LoadCaptureTask.Opened current;
    private transient LoadCaptureTask loading;
    private transient CaptureSource pending;

    public MainWindow(WindowOptions options, AppPreferences prefs) {
        super(APP);
        this.options = options;
        this.prefs = prefs;
        setName("mainWindow");
        setDefaultCloseOperation(options.exitOnClose() ? WindowConstants.EXIT_ON_CLOSE : WindowConstants.DISPOSE_ON_CLOSE);
        replay = new ReplayController(canvas, this::replayChanged);
        createActions();
        replayControls = new ReplayControls(replay, actions);
        legend = new LegendPanel(overlayActions);
        statusBar = new StatusBar(this::cancelLoading, this::showDiagnostics);

        canvas.setName("pageGrid");
        // On the grid, + and - zoom without a modifier too.
        for (String key : new String[] {"PLUS", "EQUALS", "ADD", "shift EQUALS"}) {
            canvas.getInputMap(JComponent.WHEN_FOCUSED).put(javax.swing.KeyStroke.getKeyStroke(key), "zoomIn");
        }
        for (String key : new String[] {"MINUS", "SUBTRACT"}) {
            canvas.getInputMap(JComponent.WHEN_FOCUSED).put(javax.swing.KeyStroke.getKeyStroke(key), "zoomOut");
        }
        canvas.getActionMap().put("zoomIn", actions.get(WindowAction.ZOOM_IN));
        canvas.getActionMap().put("zoomOut", actions.get(WindowAction.ZOOM_OUT));
        // The scroll pane binds the arrows and Home/End for scrolling; on the grid they drive the replay.
        for (WindowAction id : WindowAction.values()) {
            if (id.isPlainKey()) {
                canvas.getInputMap(JComponent.WHEN_FOCUSED).put(id.keyStroke(), id.name());
                canvas.getActionMap().put(id.name(), actions.get(id));
            }
        }
        canvasScroll.setName("gridScroll");
        canvasScroll.getViewport().setScrollMode(javax.swing.JViewport.BLIT_SCROLL_MODE);
        canvas.setCellDoubleClicked(this::revealOwner);
        canvas.addPropertyChangeListener("scale", e -> showZoom());
        tree.setSelectionListener(this::nodeSelected);

        JPanel gridArea = new JPanel(new BorderLayout());
        gridArea.add(canvasScroll, BorderLayout.CENTER);
        JScrollPane legendScroll = new JScrollPane(legend, JScrollPane.VERTICAL_SCROLLBAR_AS_NEEDED,
                JScrollPane.HORIZONTAL_SCROLLBAR_NEVER);
        legendScroll.setBorder(null);
        gridArea.add(legendScroll, BorderLayout.EAST);
        centreSplit = new JSplitPane(JSplitPane.VERTICAL_SPLIT, gridArea, diagnostics);
        centreSplit.setResizeWeight(1);
        diagnostics.setVisible(false);
        main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, tree, centreSplit);
        main.setResizeWeight(0);

        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(replayControls, BorderLayout.NORTH);
        bottom.add(statusBar, BorderLayout.SOUTH);

        getContentPane().add(toolBar(), BorderLayout.NORTH);
        getContentPane().add(main, BorderLayout.CENTER);
        getContentPane().add(bottom, BorderLayout.SOUTH);
        setJMenuBar(menuBar());

        FileDropHandler drop = new FileDropHandler(this::dropped);
        getRootPane().setTransferHandler(drop);
        canvas.setTransferHandler(drop);
        tree.tree().setTransferHandler(drop);

        Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
        setSize(Math.min(1500, screen.width - 40), Math.min(950, screen.height - 60));
        main.setDividerLocation(Math.min(420, getWidth() / 3));
        setLocationRelativeTo(null);
        showNothing();
    }

    /** Sets up FlatLaf, light or dark as remembered. Call before creating the window. */
    public static void installLookAndFeel(AppPreferences prefs) {
        if (prefs.darkTheme()) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    // ---- actions, menus, toolbar

    private void createActions() {
        put(WindowAction.OPEN_DIRECTORY, e -> chooseDirectory());
        put(WindowAction.OPEN_FILES, e -> chooseFiles());
        put(WindowAction.OPEN_BUNDLED, e -> openBundled());
        put(WindowAction.RELOAD, e -> reload());
        put(WindowAction.EXPORT_PNG, e -> exportPng());
        put(WindowAction.QUIT, e -> dispatchEvent(new java.awt.event.WindowEvent(this,
                java.awt.event.WindowEvent.WINDOW_CLOSING)));
        put(WindowAction.ZOOM_IN, e -> canvas.zoomIn());
        put(WindowAction.ZOOM_OUT, e -> canvas.zoomOut());
        put(WindowAction.ZOOM_FIT, e -> canvas.fit());
        put(WindowAction.ZOOM_ACTUAL, e -> canvas.actualSize());
        put(WindowAction.ZOOM_SELECTION, e -> zoomToSelection());
        put(WindowAction.PLAY_PAUSE, e -> replay.togglePlay());
        put(WindowAction.STEP_BACK, e -> replay.step(-1));
        put(WindowAction.STEP_FORWARD, e -> replay.step(+1));
        put(WindowAction.TO_START, e -> {
            replay.stop();
            replay.seek(0);
        });
        put(WindowAction.TO_END, e -> {
            replay.stop();
            replay.seek(replay.faultCount());
        });
        put(WindowAction.GO_TO_FAULT, e -> replayControls.focusGoTo());
        put(WindowAction.FILTER_TREE, e -> tree.searchField().requestFocusInWindow());
        put(WindowAction.CLEAR_SELECTION, e -> {
            tree.tree().clearSelection();
            applySelection(Selection.none());
        });
        put(WindowAction.ABOUT, e -> JOptionPane.showMessageDialog(this, APP + "\n\nGuest-physical memory of a microVM"
                + " restored from a snapshot through userfaultfd:\nwho owns every page, and in which order the restore"
                + " faulted them back.\n\nHover a cell for its owners; double-click it to find its mapping in the tree.",
                "About " + APP, JOptionPane.INFORMATION_MESSAGE));
        actions.put(WindowAction.DARK_THEME, WindowAction.DARK_THEME.createToggle(prefs.darkTheme(), this::setDark));
        actions.put(WindowAction.COLOR_BLIND, WindowAction.COLOR_BLIND.createToggle(prefs.colorBlind(), on -> {
            prefs.setColorBlind(on);
            applyPalette();
        }));
        actions.put(WindowAction.SHOW_DIAGNOSTICS, WindowAction.SHOW_DIAGNOSTICS.createToggle(false, on -> {
            diagnostics.setVisible(on);
            centreSplit.setDividerLocation(0.72);
        }));
        for (Overlay o : Overlay.values()) {
            Action a = new javax.swing.AbstractAction(o.label()) {
                private static final long serialVersionUID = 1L;

                @Override
                public void actionPerformed(java.awt.event.ActionEvent e) {
                    applyOverlays();
                }
            };
            a.putValue(Action.SELECTED_KEY, Overlay.defaults().contains(o));
            overlayActions.put(o, a);
        }
    }

    private void put(WindowAction id, java.util.function.Consumer<java.awt.event.ActionEvent> handler) {
        actions.put(id, id.create(handler));
    }

    /** The shared action of a command (tests and the benchmark drive the window through them). */
    public Action action(WindowAction id) {
        return actions.get(id);
    }

    private JMenuBar menuBar() {
        JMenuBar bar = new JMenuBar();
        JMenu file = menu("File", 'F');
        item(file, WindowAction.OPEN_DIRECTORY);
        item(file, WindowAction.OPEN_FILES);
        item(file, WindowAction.OPEN_BUNDLED);
        recentMenu.setName("recentMenu");
        file.add(recentMenu);
        updateRecentMenu();
        item(file, WindowAction.RELOAD);
        file.addSeparator();
        item(file, WindowAction.EXPORT_PNG);
        file.addSeparator();
        item(file, WindowAction.QUIT);
        bar.add(file);

        JMenu view = menu("View", 'V');
        item(view, WindowAction.ZOOM_IN);
        item(view, WindowAction.ZOOM_OUT);
        item(view, WindowAction.ZOOM_FIT);
        item(view, WindowAction.ZOOM_ACTUAL);
        item(view, WindowAction.ZOOM_SELECTION);
        view.addSeparator();
        JMenu overlays = new JMenu("Overlays");
        for (Overlay o : Overlay.values()) {
            overlays.add(new JCheckBoxMenuItem(overlayActions.get(o)));
        }
        view.add(overlays);
        view.add(new JCheckBoxMenuItem(actions.get(WindowAction.COLOR_BLIND)));
        view.add(new JCheckBoxMenuItem(actions.get(WindowAction.DARK_THEME)));
        view.add(new JCheckBoxMenuItem(actions.get(WindowAction.SHOW_DIAGNOSTICS)));
        view.addSeparator();
        item(view, WindowAction.FILTER_TREE);
        item(view, WindowAction.CLEAR_SELECTION);
        bar.add(view);

        JMenu replayMenu = menu("Replay", 'R');
        item(replayMenu, WindowAction.PLAY_PAUSE);
        item(replayMenu, WindowAction.STEP_BACK);
        item(replayMenu, WindowAction.STEP_FORWARD);
        item(replayMenu, WindowAction.TO_START);
        item(replayMenu, WindowAction.TO_END);
        item(replayMenu, WindowAction.GO_TO_FAULT);
        bar.add(replayMenu);

        JMenu help = menu("Help", 'H');
        item(help, WindowAction.ABOUT);
        bar.add(help);
        return bar;
    }

    private static JMenu menu(String name, char mnemonic) {
        JMenu m = new JMenu(name);
        m.setMnemonic(mnemonic);
        m.setName("menu." + name);
        return m;
    }

    private void item(JMenu menu, WindowAction id) {
        JMenuItem item = id.isPlainKey() ? new ShortcutMenuItem(actions.get(id)) : new JMenuItem(actions.get(id));
        item.setName("menuItem." + id.name());
        menu.add(item);
    }

    private JToolBar toolBar() {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.setName("toolbar");
        for (WindowAction id : new WindowAction[] {WindowAction.OPEN_DIRECTORY, WindowAction.EXPORT_PNG, null,
            WindowAction.ZOOM_IN, WindowAction.ZOOM_OUT, WindowAction.ZOOM_FIT, null, WindowAction.TO_START,
            WindowAction.STEP_BACK, WindowAction.PLAY_PAUSE, WindowAction.STEP_FORWARD, WindowAction.TO_END}) {
            if (id == null) {
                bar.addSeparator();
                continue;
            }
            AbstractButton b = new JButton(actions.get(id));
            b.setHideActionText(true);
            b.setFocusable(false);
            b.setName("toolbar." + id.name());
            bar.add(b);
        }
        return bar;
    }

    private void updateRecentMenu() {
        recentMenu.removeAll();
        for (String line : prefs.recent()) {
            CaptureSource s = CaptureSource.decode(line, options.loader());
            if (s == null) {
                continue;
            }
            JMenuItem item = new JMenuItem(s.directory() != null ? s.directory().toString() : s.files().mappings().toString());
            item.addActionListener(e -> open(s));
            recentMenu.add(item);
        }
        recentMenu.setEnabled(recentMenu.getItemCount() > 0);
    }

    // ---- loading

    /** Loads {@code source} in the background; the current capture stays until it has loaded. */
    public void open(CaptureSource source) {
        open(source, null);
    }

    /**
     * Shows {@code source} once {@code preloaded} (its load, started before the window existed)
     * is done, building the grid and tree in the background as {@link #open(CaptureSource)} does.
     */
    public void open(CaptureSource source, java.util.concurrent.Future<org.uffdvisualizer.parse.LoadedCapture> preloaded) {
        if (loading != null) {
            loading.cancelLoad();
        }
        pending = source;
        replay.stop();
        statusBar.loading(true);
        statusBar.setStatus("Loading " + source.title() + "…");
        actions.get(WindowAction.RELOAD).setEnabled(false);
        Palette palette = Palette.of(prefs.darkTheme(), prefs.colorBlind());
        Dimension view = canvasScroll.getViewport().getExtentSize();
        if (view.width < 100 || view.height < 100) {
            view = new Dimension(900, 650);     // not laid out yet
        }
        if (options.scale() > 0) {
            // A fixed starting scale: the width that fills the window at that scale.
            view = new Dimension((int) (view.width / options.scale()), (int) (view.height / options.scale()));
        }
        LoadCaptureTask task = new LoadCaptureTask(source, options.width(), options.frames(), options.framesPerCell(),
                view, palette, selectedOverlays(),
                new LoadCaptureTask.Outcome() {
                    @Override
                    public void progress(LoadCaptureTask.Progress p) {
                        statusBar.progress(p.task(), p.done(), p.total());
                    }

                    @Override
                    public void opened(LoadCaptureTask.Opened o) {
                        loadFinished(null);
                        show(o);
                    }

                    @Override
                    public void failed(String message) {
                        loadFinished(message);
                    }

                    @Override
                    public void cancelled() {
                        loadFinished(null);
                        statusBar.setStatus("Loading cancelled" + (current == null ? "" : "; still showing "
                                + current.source().title()));
                    }
                });
        if (preloaded != null) {
            task.usePreloaded(preloaded);
        }
        loading = task;
        task.execute();
    }

    /** Opens the capture built into the jar. */
    public void openBundled() {
        try {
            CaptureSource s = CaptureSource.ofFiles(BundledCapture.extract(), options.loader());
            open(new CaptureSource(BundledCapture.TITLE, null, s.files(), s.options()));
        } catch (CaptureException e) {
            error("Cannot open the bundled capture", e.getMessage());
        }
    }

    private void loadFinished(String error) {
        loading = null;
        statusBar.loading(false);
        actions.get(WindowAction.RELOAD).setEnabled(current != null);
        if (error != null) {
            statusBar.setStatus("Could not open " + (pending == null ? "the capture" : pending.title()));
            error("Cannot open " + (pending == null ? "the capture" : pending.title()), error);
        }
    }

    private void cancelLoading() {
        if (loading != null) {
            loading.cancelLoad();
        }
    }

    /** Whether a capture is being loaded now. */
    public boolean isLoading() {
        return loading != null;
    }

    private void reload() {
        if (current != null) {
            open(current.source());
        }
    }

    private void show(LoadCaptureTask.Opened o) {
        current = o;
        PageGrid grid = o.grid();
        grid.setOverlays(selectedOverlays());
        if (options.firstFrame() != null) {
            Runnable report = options.firstFrame();
            canvas.runAfterFirstPaint(report);
        }
        canvas.setGrid(grid, options.scale() > 0 ? options.scale() : 1);
        if (options.scale() <= 0) {
            canvasScroll.getViewport().doLayout();
            canvas.fit();
        }
        showZoom();
        tree.setTree(o.tree());
        replay.reset();
        replayControls.captureChanged();
        legend.update(grid);
        diagnostics.setDiagnostics(o.loaded().diagnostics());
        long bad = o.loaded().diagnostics().count();
        statusBar.setDiagnostics(bad);
        if (bad > 0 && !diagnostics.isVisible()) {
            actions.get(WindowAction.SHOW_DIAGNOSTICS).putValue(Action.SELECTED_KEY, true);
            diagnostics.setVisible(true);
            centreSplit.setDividerLocation(0.72);
        }
        setTitle(APP + " — " + o.source().title() + (o.loaded().isComplete() ? "" : " (incomplete)"));
        if (!BundledCapture.TITLE.equals(o.source().title())) {
            prefs.addRecent(o.source().encode());
            updateRecentMenu();
        }
        actions.get(WindowAction.RELOAD).setEnabled(true);
        actions.get(WindowAction.EXPORT_PNG).setEnabled(true);
        updateReplayActions();
        replayChanged();
    }

    private void showNothing() {
        actions.get(WindowAction.RELOAD).setEnabled(false);
        actions.get(WindowAction.EXPORT_PNG).setEnabled(false);
        updateReplayActions();
        statusBar.setStatus("Open a capture: File > Open, or drop a capture directory here");
    }

    private void updateReplayActions() {
        boolean any = replay.faultCount() > 0;
        for (WindowAction a : new WindowAction[] {WindowAction.PLAY_PAUSE, WindowAction.STEP_BACK,
            WindowAction.STEP_FORWARD, WindowAction.TO_START, WindowAction.TO_END, WindowAction.GO_TO_FAULT}) {
            actions.get(a).setEnabled(any);
        }
    }

    private void dropped(List<Path> paths) {
        try {
            open(CaptureSource.ofDropped(paths, options.loader()));
        } catch (CaptureException e) {
            error("Cannot open what was dropped", e.getMessage());
        }
    }

    private void chooseDirectory() {
        JFileChooser c = new JFileChooser(prefs.lastDirectory());
        c.setDialogTitle("Open Capture Directory");
        c.setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        c.setMultiSelectionEnabled(true);
        if (c.showOpenDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File[] chosen = c.getSelectedFiles().length > 0 ? c.getSelectedFiles() : new File[] {c.getSelectedFile()};
        prefs.setLastDirectory(chosen[0].getAbsoluteFile().getParent());
        dropped(java.util.Arrays.stream(chosen).map(File::toPath).toList());
    }

    private void chooseFiles() {
        var files = OpenFilesDialog.ask(this, prefs.lastDirectory());
        if (files != null) {
            open(CaptureSource.ofFiles(files, options.loader()));
        }
    }

    private void error(String title, String message) {
        JOptionPane.showMessageDialog(this, wrap(message), title, JOptionPane.ERROR_MESSAGE);
    }

    /** Long messages (paths) wrapped so the dialog fits on screen. */
    private static String wrap(String message) {
        StringBuilder b = new StringBuilder();
        int col = 0;
        for (String word : message.split(" ")) {
            if (col > 0 && col + word.length() > 90) {
                b.append('\n');
                col = 0;
            } else if (col > 0) {
                b.append(' ');
                col++;
            }
            b.append(word);
            col += word.length();
        }
        return b.toString();
    }

    // ---- selection, overlays, palette, theme

    private void nodeSelected(CaptureTree.Node node) {
        if (current != null) {
            applySelection(node.select(current.grid().capture()));
        }
    }

    private void applySelection(Selection s) {
        if (current == null) {
            return;
        }
        current.grid().setSelection(s);
        canvas.gridChanged();
        legend.update(current.grid());
        replayChanged();
    }

    /** Shows the cells of the selected pages (all owned pages when nothing is selected) as large as they fit. */
    private void zoomToSelection() {
        if (current != null) {
            canvas.zoomToCells(org.uffdvisualizer.render.SelectionBounds.of(current.grid()));
        }
    }

    private void showZoom() {
        statusBar.setZoom(canvas.scale(), current == null ? 4 : current.grid().framesPerCell() * 4L);
    }

    private void revealOwner(long frame) {
        if (current == null) {
            return;
        }
        CellDescription d = CellDescription.of(current.grid(), frame);
        if (d != null && !d.ownerMappings().isEmpty()) {
            tree.revealMapping(d.ownerMappings().get(0));
        }
    }

    private EnumSet<Overlay> selectedOverlays() {
        EnumSet<Overlay> set = EnumSet.noneOf(Overlay.class);
        overlayActions.forEach((o, a) -> {
            if (Boolean.TRUE.equals(a.getValue(Action.SELECTED_KEY))) {
                set.add(o);
            }
        });
        return set;
    }

    private void applyOverlays() {
        if (current != null) {
            current.grid().setOverlays(selectedOverlays());
            canvas.gridChanged();
            legend.update(current.grid());
        }
    }

    private void applyPalette() {
        if (current != null) {
            current.grid().setPalette(Palette.of(prefs.darkTheme(), prefs.colorBlind()));
            canvas.gridChanged();
            legend.update(current.grid());
        }
    }

    private void setDark(boolean dark) {
        prefs.setDarkTheme(dark);
        FlatLaf.setup(dark ? new FlatDarkLaf() : new FlatLightLaf());
        FlatLaf.updateUI();
        applyPalette();
    }

    private void showDiagnostics() {
        actions.get(WindowAction.SHOW_DIAGNOSTICS).putValue(Action.SELECTED_KEY, true);
        diagnostics.setVisible(true);
        centreSplit.setDividerLocation(0.72);
    }

    // ---- replay

    private void replayChanged() {
        if (current != null) {
            statusBar.setStatus(StatusText.of(current.grid()));
        }
        replayControls.cursorChanged();
        Action play = actions.get(WindowAction.PLAY_PAUSE);
        play.putValue(Action.SMALL_ICON, replay.isPlaying() ? ToolbarIcon.PAUSE : ToolbarIcon.PLAY);
    }

    /** The replay, for tests and the benchmark. */
    public ReplayController replay() {
        return replay;
    }

    public ReplayControls replayControls() {
        return replayControls;
    }

    public PageGridCanvas canvas() {
        return canvas;
    }

    public StatusBar statusBar() {
        return statusBar;
    }

    public CaptureTreePanel treePanel() {
        return tree;
    }

    /** The grid shown now, or null. */
    public PageGrid grid() {
        return current == null ? null : current.grid();
    }

    // ---- export

    private void exportPng() {
        if (current == null) {
            return;
        }
        JFileChooser c = new JFileChooser(prefs.lastDirectory());
        c.setDialogTitle("Export View as PNG");
        c.setSelectedFile(new File(current.source().title().replaceAll("[^A-Za-z0-9._-]+", "_") + ".png"));
        if (c.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        Path target = c.getSelectedFile().toPath();
        if (!target.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            target = target.resolveSibling(target.getFileName() + ".png");
        }
        BufferedImage image = viewImage();
        Path out = target;
        new SwingWorker<Void, Void>() {
            @Override
            protected Void doInBackground() throws Exception {
                PngExport.write(image, out);
                return null;
            }

            @Override
            protected void done() {
                try {
                    get();
                    statusBar.setStatus("Wrote " + out);
                } catch (Exception e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    error("Cannot write " + out, String.valueOf(cause.getMessage()));
                }
            }
        }.execute();
    }

    /** What the grid area shows now (the visible part of the grid and the legend), as an image. */
    public BufferedImage viewImage() {
        JComponent area = (JComponent) canvasScroll.getParent();
        Rectangle r = area.getBounds();
        BufferedImage img = new BufferedImage(Math.max(1, r.width), Math.max(1, r.height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        area.paint(g);
        g.dispose();
        return img;
    }
}
