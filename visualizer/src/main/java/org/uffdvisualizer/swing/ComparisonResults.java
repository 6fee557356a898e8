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
import javax.swing.JTabbedPane;
import javax.swing.SwingWorker;
import net.miginfocom.swing.MigLayout;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.uffdvisualizer.render.ChartExport;
import org.uffdvisualizer.render.ComparisonCharts;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.SelectionByName;

/**
 * Below the compared grids: the comparison's charts, computed on a worker from the captures and
 * the shared selection, with a progress bar and Cancel while it runs; computed again when a
 * capture comes or goes, the baseline changes, or the selection does. The charts export to PNG or
 * SVG.
 *
 * <p>Event Dispatch Thread only, but for the worker's {@code doInBackground}.
 */
public final class ComparisonResults extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final int EXPORT_WIDTH = 1200;
    private static final int EXPORT_HEIGHT = 700;

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

    private final JTabbedPane tabs = new JTabbedPane();
    private final ChartPanel nmtChart = chartPanel("nmtChart");
    private final ChartPanel cumulativeChart = chartPanel("cumulativeChart");
    private final JProgressBar progress = new JProgressBar(0, 100);
    private final JButton cancel = new JButton("Cancel");
    private final JButton export = new JButton("Export Charts…");
    private final JComboBox<Axis> axis = new JComboBox<>(Axis.values());
    private final JLabel state = new JLabel(" ");
    private transient List<CaptureSession> sessions = List.of();
    private transient SelectionByName selection;
    private transient SwingWorker<Charts, Void> worker;
    private transient Charts charts;

    public ComparisonResults() {
        super(new BorderLayout());
        setName("comparisonResults");
        JPanel top = new JPanel(new MigLayout("insets 2 6 2 6, gap 8, hidemode 3", "[grow, fill][150!][][][][]", "[]"));
        state.setName("comparisonState");
        progress.setName("comparisonProgress");
        progress.setStringPainted(true);
        cancel.setName("comparisonCancel");
        cancel.addActionListener(e -> cancel());
        axis.setName("cumulativeAxis");
        axis.setToolTipText("Faults served so far over the share of each trace, or over the time since its first fault");
        axis.addActionListener(e -> recompute());
        export.setName("exportCharts");
        export.setToolTipText("Both charts as PNG or SVG (by the name's extension): NAME-nmt and NAME-faults");
        export.addActionListener(e -> chooseExport());
        top.add(state, "wmin 0");
        top.add(progress);
        top.add(cancel);
        top.add(new JLabel("Faults over"));
        top.add(axis);
        top.add(export);
        JPanel chartsTab = new JPanel(new GridLayout(1, 2, 4, 0));
        chartsTab.add(nmtChart);
        chartsTab.add(cumulativeChart);
        tabs.setName("comparisonTabs");
        tabs.addTab("Charts", chartsTab);
        add(top, BorderLayout.NORTH);
        add(tabs, BorderLayout.CENTER);
        running(false);
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
    void compute(List<CaptureSession> shown, SelectionByName shared) {
        ThreadGuard.uiThreadGuard();
        sessions = List.copyOf(shown);
        selection = shared;
        recompute();
    }

    /** The shared selection changed: the charts follow it. */
    void selectionChanged(SelectionByName shared) {
        if (sessions.size() > 1) {
            compute(sessions, shared);
        }
    }

    private void recompute() {
        cancel();
        if (sessions.size() < 2) {
            return;
        }
        List<ComparisonCharts.Run> runs = new ArrayList<>();
        for (CaptureSession s : sessions) {
            runs.add(new ComparisonCharts.Run(s.source().name(), s.grid().capture()));
        }
        SelectionByName shared = selection;
        boolean byTime = axis.getSelectedItem() == Axis.TIME;
        running(true);
        state.setText("Comparing " + runs.size() + " captures…");
        worker = new SwingWorker<>() {
            @Override
            protected Charts doInBackground() {
                ThreadGuard.notUiThreadGuard();
                List<Selection> picked = null;
                if (shared != null) {
                    picked = new ArrayList<>();
                    for (int r = 0; r < runs.size() && !isCancelled(); r++) {
                        picked.add(shared.resolve(runs.get(r).capture()));
                        setProgress(50 * (r + 1) / runs.size());
                    }
                }
                JFreeChart nmt = ComparisonCharts.nmtBars(runs, shared);
                JFreeChart faults = ComparisonCharts.cumulative(runs, picked, byTime,
                        shared == null ? null : shared.toString());
                setProgress(100);
                return new Charts(nmt, faults);
            }

            @Override
            protected void done() {
                if (worker != this) {
                    return;
                }
                running(false);
                worker = null;
                try {
                    charts = get();
                    nmtChart.setChart(charts.nmt());
                    cumulativeChart.setChart(charts.cumulative());
                    state.setText(runs.size() + " captures" + (shared == null ? "" : " · selection: " + shared));
                } catch (java.util.concurrent.CancellationException e) {
                    state.setText("Comparison cancelled");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    state.setText("Comparison failed: " + LoadCaptureTask.message(e.getCause()));
                }
            }
        };
        SwingWorker<Charts, Void> mine = worker;
        worker.addPropertyChangeListener(e -> {
            if ("progress".equals(e.getPropertyName()) && worker == mine) {
                progress.setValue((Integer) e.getNewValue());
            }
        });
        worker.execute();
    }

    /** Stops the computation running, if any. */
    public void cancel() {
        ThreadGuard.uiThreadGuard();
        if (worker != null) {
            SwingWorker<Charts, Void> w = worker;
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
