package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.compare.NamedSelection;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.Selection;

/**
 * The centre of the window: the frame's {@link CaptureView} alone, or, once File > Compare With
 * (or {@code gui A B}) has added captures, every capture's view side by side or stacked, each
 * under a label naming its capture (directory, JDK, flags) with buttons to make it the baseline
 * or remove it, above the comparison's table and charts ({@link ComparisonResults}). The first
 * view is the frame's and shows the baseline, so the tree, the title and the menus act on the
 * baseline; making another capture the baseline swaps the two sessions' views.
 *
 * <p>One selection by name ({@link NamedSelection}) applies to every capture; zoom and scroll
 * ({@link ViewportLink}) and the replay ({@link ReplayLink}) go in step. Each added capture
 * loads in its own worker with the progress in its own status line, at the same time as the
 * others.
 *
 * <p>Event Dispatch Thread only.
 */
public final class ComparisonPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final CaptureView primary;
    private final transient CaptureView.Listener frame;
    private final transient Supplier<CaptureView> newView;
    private final transient Supplier<GridOptions> gridOptions;
    private final transient CaptureReader reader;
    private final transient AppPreferences prefs;
    private final List<CaptureView> views = new ArrayList<>();
    private final Map<CaptureView, CaptureHeader> headers = new IdentityHashMap<>();
    private final JPanel grids = new JPanel();
    private final JPanel bar = new JPanel(new MigLayout("insets 2 6 2 6, gap 12", "[][][][]push", "[]"));
    private final JCheckBox stacked = new JCheckBox("Stacked");
    private final JCheckBox zoomInStep = new JCheckBox("Zoom and scroll in step", true);
    private final JComboBox<ReplayLink.Step> replayStep = new JComboBox<>(ReplayLink.Step.values());
    /** Made when a second capture comes: its table and charts (JFreeChart) stay off the start path. */
    private ComparisonResults results;
    private final transient StabilityView stability;
    private final JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT);
    private final transient ReplayLink replayLink = new ReplayLink();
    private final transient ViewportLink viewportLink = new ViewportLink();
    /** The baseline's selected node and capture; named ({@link #shared()}) only once captures are compared. */
    private transient CaptureTree.Node sharedNode;
    private transient Capture sharedIn;
    private transient NamedSelection shared;
    private final transient Map<CaptureView, Waiting> waiting = new java.util.LinkedHashMap<>();

    /**
     * @param primary     the frame's view, which shows the baseline
     * @param frame       what the frame hears from its view (the baseline's)
     * @param newView     makes a view like the frame's, for an added capture
     * @param gridOptions the frame's grid options now (palette, overlays, layout)
     */
    ComparisonPanel(CaptureView primary, CaptureView.Listener frame, Supplier<CaptureView> newView,
            Supplier<GridOptions> gridOptions, CaptureReader reader, AppPreferences prefs) {
        super(new BorderLayout());
        ThreadGuard.uiThreadGuard();
        this.primary = primary;
        this.frame = frame;
        this.newView = newView;
        this.gridOptions = gridOptions;
        this.reader = reader;
        this.prefs = prefs;
        setName("comparison");
        views.add(primary);
        primary.setListener(new BaselineListener());
        stacked.setName("comparisonStacked");
        stacked.setMnemonic('k');
        stacked.setToolTipText("Grids one above the other instead of side by side (remembered)");
        stacked.setSelected(prefs.comparisonStacked());
        stacked.addActionListener(e -> setStacked(stacked.isSelected()));
        zoomInStep.setName("zoomInStep");
        zoomInStep.setMnemonic('z');
        zoomInStep.setToolTipText("Every grid shows the same physical address range at the same zoom");
        zoomInStep.addActionListener(e -> viewportLink.setLinked(zoomInStep.isSelected()));
        replayStep.setName("replayStep");
        replayStep.setToolTipText("How the replays keep in step: one play or step drives all");
        replayStep.addActionListener(e -> replayLink.setStep((ReplayLink.Step) replayStep.getSelectedItem()));
        JLabel stepLabel = new JLabel("Replay in step by");
        stepLabel.setDisplayedMnemonic('y');
        stepLabel.setLabelFor(replayStep);
        bar.add(stacked);
        bar.add(zoomInStep);
        bar.add(stepLabel, "split 2");
        bar.add(replayStep);
        stability = new StabilityView(primary);
        bar.add(stability.toggle());
        bar.add(stability.legend(), "newline, span, hidemode 3");
        bar.setName("comparisonBar");
        grids.setName("comparisonGrids");
        split.setResizeWeight(0.62);
        arrange();
    }

    // ---- captures in the comparison

    /** Adds {@code source} beside the captures shown (the first one opens as the baseline). */
    public void add(CaptureSource source) {
        add(source, reader);
    }

    /** Adds the other restores of the baseline's snapshot: the other restore traces of its capture directory. */
    public void addRestores() {
        if (primary.session() == null) {
            return;
        }
        try {
            List<CaptureSource> others = RestoreSources.othersOf(sessions().stream().map(CaptureSession::source).toList());
            if (others.isEmpty()) {
                WindowDialogs.error(this, "No other restores", "The directory of " + primary.session().source().title()
                        + " holds no other restore trace (uffd.log, uffd-restore-N.log) to compare with.");
            }
            others.forEach(this::add);
        } catch (org.uffdvisualizer.parse.CaptureException e) {
            WindowDialogs.error(this, "Cannot compare restores", e.getMessage());
        }
    }

    /** Adds {@code source}, which {@code preload} (started at start-up) parses. */
    public void add(CaptureSource source, Preload preload) {
        add(source, preload.reader());
    }

    /** Adds {@code source}, read with {@code with}. */
    void add(CaptureSource source, CaptureReader with) {
        ThreadGuard.uiThreadGuard();
        if (primary.session() == null && !primary.isLoading()) {
            primary.load(source, gridOptions.get(), with);
            return;
        }
        CaptureView v = newView.get();
        v.setListener(new AddedListener());
        views.add(v);
        arrange();
        waiting.put(v, new Waiting(source, with));
        if (primary.isLoading()) {
            v.statusBar().setStatus("Waiting for the baseline's layout to load " + source.title() + " with it…");
        } else {
            startWaiting();
        }
        changed();
    }

    /**
     * Starts the loads that waited for the baseline, with its grid's width: one width for every
     * grid, so that a frame sits in the same cell of each and zoom and scroll match exactly. (A
     * preloaded capture has been parsing all along; only its grid is built now.)
     */
    private void startWaiting() {
        CaptureSession base = primary.session();
        GridOptions options = gridOptions.get();
        for (Map.Entry<CaptureView, Waiting> e : waiting.entrySet()) {
            e.getKey().load(e.getValue().source(), base == null ? options : options.withWidth(base.grid().width()),
                    e.getValue().reader());
        }
        waiting.clear();
    }

    /** An added capture whose load waits for the baseline's. */
    private record Waiting(CaptureSource source, CaptureReader reader) {
    }

    /** Removes capture {@code i} (0 is the baseline: the next one becomes the baseline). */
    public void removeCapture(int i) {
        ThreadGuard.uiThreadGuard();
        if (i <= 0 || i >= views.size()) {
            if (i == 0 && views.size() > 1 && views.get(1).session() != null && !views.get(1).isLoading()) {
                CaptureSession old = primary.session();
                CaptureSession next = views.get(1).session();
                views.get(1).setSession(null);
                primary.setSession(next);
                if (old != null) {
                    old.close();
                }
                dropView(1);
                frame.sessionShown(primary, next);
            }
            return;
        }
        CaptureView v = views.get(i);
        waiting.remove(v);
        v.cancelLoad();
        CaptureSession s = v.session();
        v.setSession(null);
        if (s != null) {
            s.close();
        }
        dropView(i);
    }

    private void dropView(int i) {
        headers.remove(views.remove(i));
        arrange();
        changed();
    }

    /** Makes capture {@code i} the baseline: its session and the baseline's swap views. */
    public void makeBaseline(int i) {
        ThreadGuard.uiThreadGuard();
        CaptureView v = i > 0 && i < views.size() ? views.get(i) : null;
        CaptureSession base = primary.session();
        if (v == null || v.session() == null || base == null || v.isLoading() || primary.isLoading()) {
            return;
        }
        CaptureSession other = v.session();
        primary.setSession(other);
        v.setSession(base);
        frame.sessionShown(primary, other);
        changed();
    }

    public void setStacked(boolean on) {
        ThreadGuard.uiThreadGuard();
        prefs.setComparisonStacked(on);
        stacked.setSelected(on);
        arrange();
    }

    public boolean isStacked() {
        return stacked.isSelected();
    }

    /** The views, baseline first. */
    public List<CaptureView> views() {
        return List.copyOf(views);
    }

    /** The sessions shown, baseline first (views still loading their first capture left out). */
    public List<CaptureSession> sessions() {
        return views.stream().map(CaptureView::session).filter(Objects::nonNull).toList();
    }

    /** Whether any capture of the comparison is loading. */
    public boolean isLoading() {
        return views.stream().anyMatch(CaptureView::isLoading);
    }

    public ComparisonResults results() {
        if (results == null) {
            results = new ComparisonResults();
            results.onShown(stability::show);
        }
        return results;
    }

    /** The label of view {@code i}'s capture. */
    public String label(int i) {
        CaptureHeader h = headers.get(views.get(i));
        return h == null ? "" : h.text();
    }

    void setReplayStep(ReplayLink.Step step) {
        replayStep.setSelectedItem(step);
    }

    void setZoomInStep(boolean on) {
        zoomInStep.setSelected(on);
        viewportLink.setLinked(on);
    }

    // ---- the selection by name

    /**
     * Selects {@code node} of the baseline's tree in the baseline, and what has the same name in
     * every other capture; null selects nothing.
     */
    public void select(CaptureTree.Node node) {
        ThreadGuard.uiThreadGuard();
        CaptureSession base = primary.session();
        if (base == null) {
            return;
        }
        Capture c = base.grid().capture();
        base.select(node == null ? Selection.none() : node.select(c));
        sharedNode = node;
        sharedIn = c;
        shared = null;
        for (CaptureSession s : sessions()) {
            if (s != base) {
                applyShared(s);
            }
        }
        if (views.size() > 1) {
            results().selectionChanged(sessions(), shared());
        }
    }

    private void applyShared(CaptureSession s) {
        NamedSelection name = shared();
        s.select(name == null ? Selection.none() : name.resolve(s.grid().capture()));
    }

    /** The shared selection by name, named on first use. */
    private NamedSelection shared() {
        if (shared == null && sharedNode != null) {
            shared = byName(sharedNode, sharedIn);
        }
        return shared;
    }

    /**
     * What {@code node} is called in any capture: a process its executable's file name, a mapping
     * its name, an NMT category (or one of its regions) the category's name; null for what has no
     * name (the NMT node, an anonymous mapping).
     */
    static NamedSelection byName(CaptureTree.Node node, Capture c) {
        String name = switch (node.kind()) {
            case PROCESS -> {
                String exe = c.mappings().sectionExe(node.section());
                yield exe.substring(exe.lastIndexOf('/') + 1);
            }
            case MAPPING -> c.mappings().mappingName(node.index());
            case NMT_CATEGORY -> node.usage().map().category(node.index());
            case NMT_RESERVED -> node.usage().map().category(node.usage().map().reservedCategory(node.index()));
            case NMT_COMMITTED -> node.usage().map().category(categoryOfCommitted(node.usage().map(), node.index()));
            default -> "";
        };
        return name.isBlank() ? null : NamedSelection.of(name);
    }

    private static int categoryOfCommitted(NmtMap map, int committed) {
        for (int r = 0; r < map.reservedCount(); r++) {
            if (committed >= map.firstCommitted(r) && committed < map.firstCommitted(r) + map.committedCountOf(r)) {
                return map.reservedCategory(r);
            }
        }
        return 0;     // every committed region lies in a reserved one
    }

    // ---- layout

    /** One view: as it was before any comparison. Several: the bar, the labelled grids, the results. */
    private void arrange() {
        removeAll();
        grids.removeAll();
        if (views.size() == 1) {
            stability.show(null);
            primary.setSideParts(true, true);
            add(primary, BorderLayout.CENTER);
        } else {
            boolean stack = stacked.isSelected();
            grids.setLayout(stack ? new GridLayout(0, 1, 0, 4) : new GridLayout(1, 0, 4, 0));
            for (CaptureView v : views) {
                // The grids get the room: side by side one legend column, beside the last grid; no timeline under
                // each (the Charts tab has the faults over the trace of every capture).
                v.setSideParts(stack || v == views.get(views.size() - 1), false);
                JPanel slot = new JPanel(new BorderLayout());
                CaptureHeader header = headers.computeIfAbsent(v,
                        k -> new CaptureHeader(this::makeBaseline, this::removeCapture));
                slot.add(header, BorderLayout.NORTH);
                slot.add(v, BorderLayout.CENTER);
                grids.add(slot);
            }
            split.setTopComponent(grids);
            split.setBottomComponent(results());
            add(bar, BorderLayout.NORTH);
            add(split, BorderLayout.CENTER);
        }
        revalidate();
        repaint();
    }

    /** After any capture came, went or moved: labels, links, and the results again. */
    private void changed() {
        List<CaptureSession> shown = sessions();
        for (int i = 0; i < views.size(); i++) {
            CaptureHeader h = headers.get(views.get(i));
            if (h != null) {
                h.show(i, views.get(i).session());
            }
        }
        replayLink.link(shown);
        viewportLink.link(views.stream().filter(v -> v.session() != null).toList());
        if (views.size() > 1) {
            results().compute(shown, shared());
        }
    }

    /** The baseline's view: the frame hears all of it; the comparison follows its new sessions. */
    private final class BaselineListener implements CaptureView.Listener {
        @Override
        public void sessionShown(CaptureView v, CaptureSession s) {
            frame.sessionShown(v, s);
            startWaiting();
            changed();
        }

        @Override
        public void loadEnded(CaptureView v) {
            frame.loadEnded(v);
            startWaiting();
        }

        @Override
        public void loadFailed(CaptureView v, CaptureSource source, String message) {
            frame.loadFailed(v, source, message);
        }

        @Override
        public void frameDoubleClicked(CaptureView v, long f) {
            frame.frameDoubleClicked(v, f);
        }

        @Override
        public void diagnosticsRequested(CaptureView v) {
            frame.diagnosticsRequested(v);
        }
    }

    /** An added capture's view: takes the shared selection when loaded; a failed load is said and removed. */
    private final class AddedListener implements CaptureView.Listener {
        @Override
        public void sessionShown(CaptureView v, CaptureSession s) {
            applyShared(s);
            changed();
        }

        @Override
        public void loadFailed(CaptureView v, CaptureSource source, String message) {
            WindowDialogs.error(ComparisonPanel.this, "Cannot compare with " + source.title(), message);
            int i = views.indexOf(v);
            if (i > 0) {
                removeCapture(i);
            }
        }
    }
}
