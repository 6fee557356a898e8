package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.GridLayout;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.SwingWorker;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparedRun;
import org.uffdvisualizer.compare.Measure;
import org.uffdvisualizer.compare.NamedSelection;
import org.uffdvisualizer.compare.Presence;
import org.uffdvisualizer.compare.RunFacts;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.render.ChartExport;
import org.uffdvisualizer.render.ComparisonCharts;
import org.uffdvisualizer.render.FaultTimeline;
import org.uffdvisualizer.render.Selection;

/**
 * Below the compared grids: the comparison by owner ({@link CaptureComparison}: the warnings
 * above a sortable table of processes, mapping names and NMT categories with every run's figure
 * and the differences to the baseline, and the fault-set overlaps) and its charts, all computed on
 * a worker from the captures at their replay positions and their selections, with a progress bar
 * and Cancel while it runs; computed again when a capture comes or goes, the baseline changes, the
 * selection does, or the baseline's replay stops somewhere else. The table copies as text, the
 * charts export to PNG or SVG.
 *
 * <p>Event Dispatch Thread only, but for the worker's {@code doInBackground}.
 */
public final class ComparisonResults extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final int EXPORT_WIDTH = 1200;
    private static final int EXPORT_HEIGHT = 700;
    private static final java.awt.Color APPEARED = new java.awt.Color(0x2e7d32);
    private static final java.awt.Color DISAPPEARED = new java.awt.Color(0xc62828);

    /** The x axis of the cumulative chart. */
    enum Axis {
        SHARE("share of the trace"), TIME("time");

        private final String label;

        Axis(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What a computation produced. */
    record Charts(JFreeChart nmt, JFreeChart cumulative) {
    }

    /** A computation's results: the comparison, the runs' names, the charts. */
    private record Outcome(CaptureComparison comparison, List<String> names, Charts charts) {
    }

    private final JTabbedPane tabs = new JTabbedPane();
    private final ChartPanel nmtChart = chartPanel("nmtChart");
    private final ChartPanel cumulativeChart = chartPanel("cumulativeChart");
    private final JProgressBar progress = new JProgressBar(0, 100);
    private final JButton cancel = new JButton("Cancel");
    private final JButton export = new JButton("Export Charts…");
    private final JComboBox<Axis> axis = new JComboBox<>(Axis.values());
    private final javax.swing.JCheckBox byOwner = new javax.swing.JCheckBox("by owner class");
    private final JLabel state = new JLabel(" ");
    private final ComparisonTableModel model = new ComparisonTableModel();
    private final JTable table = new JTable(model);
    private final JComboBox<Measure> measure = new JComboBox<>(Measure.values());
    private final JButton copy = new JButton("Copy as Text");
    private final JLabel warnings = new JLabel();
    private final JTextArea overlaps = new JTextArea(4, 40);
    /** Hears each comparison shown, for the stability view of the grid. */
    private transient java.util.function.Consumer<CaptureComparison> shownListener = c -> { };
    private final Timer replayPause = new Timer(400, e -> recompute());
    private final transient CaptureSession.Listener baselineReplay = new CaptureSession.Listener() {
        @Override
        public void replayChanged() {
            CaptureSession base = sessions.isEmpty() ? null : sessions.get(0);
            if (base != null && !base.replay().isPlaying() && base.replay().cursor() != computedAt) {
                replayPause.restart();
            }
        }
    };
    private transient List<CaptureSession> sessions = List.of();
    private transient NamedSelection selection;
    private transient SwingWorker<Outcome, Void> worker;
    private transient Charts charts;
    private int computedAt = -1;

    public ComparisonResults() {
        super(new BorderLayout());
        setName("comparisonResults");
        JPanel top = new JPanel(new MigLayout("insets 2 6 2 6, gap 8, hidemode 3", "[grow, fill][150!][][][][][]", "[]"));
        state.setName("comparisonState");
        progress.setName("comparisonProgress");
        progress.setStringPainted(true);
        cancel.setName("comparisonCancel");
        cancel.addActionListener(e -> cancel());
        axis.setName("cumulativeAxis");
        axis.setToolTipText("Faults served so far over the share of each trace, or over the time since its first fault");
        axis.addActionListener(e -> recompute());
        byOwner.setName("cumulativeByOwner");
        byOwner.setToolTipText("Every fault, stacked by owner class (kernel, page cache, NMT categories, ...), one plot per capture");
        byOwner.addActionListener(e -> {
            axis.setEnabled(!byOwner.isSelected());
            recompute();
        });
        export.setName("exportCharts");
        export.setToolTipText("Both charts as PNG or SVG (by the name's extension): NAME-nmt and NAME-faults");
        export.addActionListener(e -> chooseExport());
        top.add(state, "wmin 0");
        top.add(progress);
        top.add(cancel);
        top.add(new JLabel("Faults over"));
        top.add(axis);
        top.add(byOwner);
        top.add(export);
        JPanel chartsTab = new JPanel(new GridLayout(1, 2, 4, 0));
        chartsTab.add(nmtChart);
        chartsTab.add(cumulativeChart);
        tabs.setName("comparisonTabs");
        tabs.addTab("Table", tableTab());
        tabs.addTab("Charts", chartsTab);
        replayPause.setRepeats(false);
        add(top, BorderLayout.NORTH);
        add(tabs, BorderLayout.CENTER);
        running(false);
    }

    /** Warnings, the figure to show and Copy; the table; the overlaps below it. */
    private JPanel tableTab() {
        JPanel tab = new JPanel(new MigLayout("insets 2 4 2 4, gap 4, wrap 1, hidemode 3", "[grow, fill]",
                "[][][grow, fill][]"));
        warnings.setName("comparisonWarnings");
        warnings.setForeground(new java.awt.Color(0xb35900));
        JPanel controls = new JPanel(new MigLayout("insets 0, gap 6", "[][]push[]", "[]"));
        measure.setName("comparisonMeasure");
        measure.setSelectedItem(Measure.RESIDENT);
        measure.setRenderer(new javax.swing.DefaultListCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.awt.Component getListCellRendererComponent(javax.swing.JList<?> list, Object value, int index,
                    boolean selected, boolean focus) {
                return super.getListCellRendererComponent(list, value instanceof Measure m ? m.key() : value, index,
                        selected, focus);
            }
        });
        measure.addActionListener(e -> model.setMeasure((Measure) measure.getSelectedItem()));
        copy.setName("copyComparison");
        copy.setToolTipText("The table as tab-separated text, as sorted, to the clipboard");
        copy.addActionListener(e -> java.awt.Toolkit.getDefaultToolkit().getSystemClipboard()
                .setContents(new java.awt.datatransfer.StringSelection(tableText()), null));
        controls.add(new JLabel("Figure"));
        controls.add(measure);
        controls.add(copy);
        table.setName("comparisonTable");
        table.setAutoCreateRowSorter(true);
        table.setAutoResizeMode(JTable.AUTO_RESIZE_SUBSEQUENT_COLUMNS);
        table.setDefaultRenderer(Long.class, new javax.swing.table.DefaultTableCellRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void setValue(Object value) {
                setHorizontalAlignment(RIGHT);
                setText(value == null ? "" : String.format(Locale.ROOT, "%,d", (Long) value));
            }
        });
        table.setDefaultRenderer(ComparisonTableModel.DeltaCell.class, new javax.swing.table.DefaultTableCellRenderer() {
            private static final long serialVersionUID = 1L;

            /** Rows that appeared in a run or disappeared from it stand out: green and red. */
            @Override
            public java.awt.Component getTableCellRendererComponent(JTable t, Object value, boolean selected,
                    boolean focus, int row, int column) {
                super.getTableCellRendererComponent(t, value, selected, focus, row, column);
                setHorizontalAlignment(RIGHT);
                Presence p = value instanceof ComparisonTableModel.DeltaCell d ? d.presence() : Presence.BOTH;
                setForeground(selected ? t.getSelectionForeground() : p == Presence.APPEARED ? APPEARED
                        : p == Presence.DISAPPEARED ? DISAPPEARED : t.getForeground());
                return this;
            }
        });
        overlaps.setName("comparisonOverlaps");
        overlaps.setEditable(false);
        overlaps.setLineWrap(false);
        tab.add(warnings, "wmin 0");
        tab.add(controls);
        tab.add(new JScrollPane(table));
        tab.add(new JScrollPane(overlaps), "hmin 70");
        return tab;
    }

    /** The table as tab-separated text, rows in the order shown. */
    String tableText() {
        return model.text(table);
    }

    JTable table() {
        return table;
    }

    /** {@code listener} hears every comparison once it is shown (Event Dispatch Thread). */
    void onShown(java.util.function.Consumer<CaptureComparison> listener) {
        shownListener = listener;
    }

    /** The comparison shown in the table, or null. */
    CaptureComparison comparison() {
        return model.comparison();
    }

    String overlapsText() {
        return overlaps.getText();
    }

    String warningsText() {
        return warnings.getText();
    }

    private static ChartPanel chartPanel(String name) {
        ChartPanel p = new ChartPanel(null, false, false, false, false, false);
        p.setName(name);
        p.setMouseZoomable(false);
        p.setMinimumDrawWidth(200);
        p.setMinimumDrawHeight(150);
        p.setMaximumDrawWidth(4000);
        p.setMaximumDrawHeight(3000);
        return p;
    }

    /** Computes everything again for {@code shown} (baseline first) and the selection {@code shared}. */
    void compute(List<CaptureSession> shown, NamedSelection shared) {
        ThreadGuard.uiThreadGuard();
        if (!sessions.isEmpty()) {
            sessions.get(0).removeListener(baselineReplay);
        }
        sessions = List.copyOf(shown);
        selection = shared;
        if (!sessions.isEmpty()) {
            sessions.get(0).addListener(baselineReplay);
        }
        recompute();
    }

    /** The shared selection changed: table and charts follow it. */
    void selectionChanged(List<CaptureSession> shown, NamedSelection shared) {
        if (shown.size() > 1) {
            compute(shown, shared);
        }
    }

    private void recompute() {
        cancel();
        if (sessions.size() < 2) {
            return;
        }
        // What the worker reads, taken here on the Event Dispatch Thread: models, positions, selections.
        List<LoadedCapture> loaded = sessions.stream().map(CaptureSession::loaded).toList();
        List<Integer> cursors = sessions.stream().map(s -> s.replay().cursor()).toList();
        List<Selection> picked = sessions.stream().map(CaptureSession::selection).toList();
        computedAt = cursors.get(0);
        NamedSelection shared = selection;
        boolean byTime = axis.getSelectedItem() == Axis.TIME;
        boolean stacked = byOwner.isSelected();
        List<FaultTimeline> timelines = sessions.stream().map(CaptureSession::timeline).toList();
        List<int[]> colours = sessions.stream().map(s -> classColours(s)).toList();
        running(true);
        state.setText("Comparing " + loaded.size() + " captures…");
        worker = new SwingWorker<>() {
            @Override
            protected Outcome doInBackground() {
                ThreadGuard.notUiThreadGuard();
                List<ComparedRun> runs = new ArrayList<>();
                List<ComparisonCharts.Run> chartRuns = new ArrayList<>();
                List<String> names = new ArrayList<>();
                for (int r = 0; r < loaded.size() && !isCancelled(); r++) {
                    RunFacts facts = RunFacts.of(loaded.get(r));
                    runs.add(new ComparedRun(loaded.get(r), facts, cursors.get(r),
                            shared == null ? null : picked.get(r)));
                    names.add(facts.narrowName());
                    chartRuns.add(new ComparisonCharts.Run(facts.narrowName(), loaded.get(r).capture()));
                    setProgress(10 * (r + 1) / loaded.size());
                }
                CaptureComparison comparison = CaptureComparison.of(runs, 0);
                setProgress(70);
                JFreeChart nmt = ComparisonCharts.nmtBars(chartRuns);
                JFreeChart faults = stacked ? ComparisonCharts.cumulativeByOwner(chartRuns, timelines, colours)
                        : ComparisonCharts.cumulative(chartRuns, shared == null ? null : picked, byTime,
                        shared == null ? null : shared.name());
                setProgress(100);
                return new Outcome(comparison, names, new Charts(nmt, faults));
            }

            @Override
            protected void done() {
                if (worker != this) {
                    return;
                }
                running(false);
                worker = null;
                try {
                    Outcome o = get();
                    charts = o.charts();
                    nmtChart.setChart(charts.nmt());
                    cumulativeChart.setChart(charts.cumulative());
                    model.show(o.comparison(), o.names());
                    warnings.setText(ComparisonNotes.warnings(o.comparison()));
                    warnings.setVisible(!o.comparison().warnings().isEmpty());
                    overlaps.setText(ComparisonNotes.overlaps(o.comparison(), o.names()));
                    overlaps.setCaretPosition(0);
                    shownListener.accept(o.comparison());
                    state.setText(o.names().size() + " captures, baseline " + o.names().get(0)
                            + (shared == null ? "" : " · selection: " + shared.name()));
                } catch (java.util.concurrent.CancellationException e) {
                    state.setText("Comparison cancelled");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    state.setText("Comparison failed: " + LoadCaptureTask.message(e.getCause()));
                }
            }
        };
        SwingWorker<Outcome, Void> mine = worker;
        worker.addPropertyChangeListener(e -> {
            if ("progress".equals(e.getPropertyName()) && worker == mine) {
                progress.setValue((Integer) e.getNewValue());
            }
        });
        worker.execute();
    }

    /** The colours of {@code s}'s owner classes, in its timeline's order, from its grid's palette (EDT). */
    private static int[] classColours(CaptureSession s) {
        FaultTimeline t = s.timeline();
        int[] rgb = new int[t.classes().size()];
        for (int c = 0; c < rgb.length; c++) {
            rgb[c] = s.grid().palette().rgb(t.pageClass(c));
        }
        return rgb;
    }

    /** Stops the computation running, if any. */
    public void cancel() {
        ThreadGuard.uiThreadGuard();
        if (worker != null) {
            SwingWorker<Outcome, Void> w = worker;
            worker = null;
            w.cancel(true);
            running(false);
            state.setText("Comparison cancelled");
        }
    }

    /** Whether a computation is running. */
    public boolean isComputing() {
        return worker != null;
    }

    /** The baseline's replay position the table and charts were last computed (or are being computed) for. */
    int computedAt() {
        return computedAt;
    }

    private void running(boolean on) {
        progress.setVisible(on);
        cancel.setVisible(on);
        progress.setValue(0);
    }

    /** The charts shown (null before the first computation ends). */
    Charts charts() {
        return charts;
    }

    void setAxis(Axis a) {
        axis.setSelectedItem(a);
    }

    private void chooseExport() {
        if (charts == null) {
            return;
        }
        JFileChooser c = new JFileChooser();
        c.setDialogTitle("Export Charts (PNG or SVG)");
        c.setSelectedFile(new File("comparison.png"));
        if (c.showSaveDialog(this) == JFileChooser.APPROVE_OPTION) {
            exportCharts(c.getSelectedFile().toPath(), (out, error) -> state.setText(error == null ? "Wrote " + out
                    : "Cannot write " + out + ": " + error));
        }
    }

    /**
     * Writes both charts beside {@code target}: {@code NAME-nmt.EXT} and {@code NAME-faults.EXT},
     * PNG for a {@code .png} name, else SVG, on a worker, atomically; then {@code done} hears, on
     * the Event Dispatch Thread, the files written and null, or the target and the error.
     */
    void exportCharts(Path target, BiConsumer<String, String> done) {
        ThreadGuard.uiThreadGuard();
        Charts now = charts;
        String name = target.getFileName().toString();
        boolean png = name.toLowerCase(Locale.ROOT).endsWith(".png");
        String base = name.replaceFirst("\\.[^.]*$", "");
        String ext = png ? ".png" : ".svg";
        Path nmt = target.resolveSibling(base + "-nmt" + ext);
        Path faults = target.resolveSibling(base + "-faults" + ext);
        new SwingWorker<Void, Void>() {
            @Override
            protected Void doInBackground() throws Exception {
                ThreadGuard.notUiThreadGuard();
                ChartExport.write(now.nmt(), nmt, EXPORT_WIDTH, EXPORT_HEIGHT);
                ChartExport.write(now.cumulative(), faults, EXPORT_WIDTH, EXPORT_HEIGHT);
                return null;
            }

            @Override
            protected void done() {
                try {
                    get();
                    done.accept(nmt + " and " + faults.getFileName(), null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    done.accept(target.toString(), String.valueOf(e.getCause().getMessage()));
                }
            }
        }.execute();
    }
}
