package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.SwingUtilities;
import javax.swing.SwingWorker;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.prefetch.CostModel;
import org.uffdvisualizer.prefetch.Outcome;
import org.uffdvisualizer.prefetch.PageFates;
import org.uffdvisualizer.prefetch.PageSelection;
import org.uffdvisualizer.prefetch.PrefetchReport;
import org.uffdvisualizer.prefetch.RestoreRun;
import org.uffdvisualizer.prefetch.RestoreRuns;
import org.uffdvisualizer.prefetch.Simulator;
import org.uffdvisualizer.prefetch.Strategy;
import org.uffdvisualizer.prefetch.TraceSources;
import org.uffdvisualizer.prefetch.TrainTest;
import org.uffdvisualizer.prefetch.WhatIf;
import org.uffdvisualizer.progress.CancellationFlag;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.PrefetchChart;
import org.uffdvisualizer.render.PrefetchFateImage;
import org.uffdvisualizer.render.Selection;

/**
 * Replay > Prefetch What-If…: the {@code prefetch} table of the session's capture (its restore
 * trace and the capture's other restores, trained on the first, scored on the others), a chart of
 * faults avoided against bytes wasted, and the grid coloured by what the chosen row's strategy
 * does with each page (prefetched, still faults, wasted). The other traces are read and the
 * strategies scored on a worker, with a progress bar and Cancel; the dialog does not block the
 * window. With a single restore trace it says, above the table and in the chart's title, that the
 * scores are on the training run.
 */
final class PrefetchDialog {
    /** What the worker computed. */
    record Computed(RestoreRuns runs, List<PageSelection> selections, PrefetchReport report, JFreeChart chart) {
    }

    private final JDialog dialog;
    private final CaptureSession session;
    private final JLabel split = new JLabel("Reading the restore traces and scoring the strategies…");
    private final JProgressBar progress = new JProgressBar();
    private final JButton cancel = new JButton("Cancel");
    private final PrefetchTableModel model = new PrefetchTableModel();
    private final JTable table = new JTable(model);
    private final ChartPanel chart = new ChartPanel(null, false, false, false, false, false);
    private final FateGridPanel fates = new FateGridPanel();
    private final JLabel fateLegend = new JLabel("Choose a row to colour the grid by its strategy");
    private final JButton export = new JButton("Export Working Set…");
    private Computed computed;
    private SwingWorker<?, ?> fateWorker;

    private PrefetchDialog(Component owner, CaptureSession session) {
        this.session = session;
        dialog = new JDialog(SwingUtilities.getWindowAncestor(owner), "Prefetch What-If: " + session.title());
        dialog.setName("prefetchDialog");
        dialog.getRootPane().putClientProperty(PrefetchDialog.class, this);
        split.setName("prefetchSplit");
        progress.setIndeterminate(true);
        cancel.setName("prefetchCancel");
        table.setName("prefetchTable");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getSelectionModel().addListSelectionListener(e -> {
            if (!e.getValueIsAdjusting()) {
                rowChosen();
            }
        });
        chart.setName("prefetchChart");
        fateLegend.setName("prefetchFateLegend");
        export.setName("prefetchExport");
        export.setEnabled(false);
        export.addActionListener(e -> exportChosen());
        JPanel top = new JPanel(new BorderLayout(8, 4));
        top.setBorder(BorderFactory.createEmptyBorder(6, 8, 6, 8));
        top.add(split, BorderLayout.CENTER);
        JPanel busy = new JPanel(new BorderLayout(4, 0));
        busy.add(progress, BorderLayout.CENTER);
        busy.add(cancel, BorderLayout.EAST);
        top.add(busy, BorderLayout.EAST);
        JPanel grid = new JPanel(new BorderLayout(4, 4));
        grid.add(fateLegend, BorderLayout.NORTH);
        grid.add(fates, BorderLayout.CENTER);
        grid.add(export, BorderLayout.SOUTH);
        JSplitPane bottom = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, chart, grid);
        bottom.setResizeWeight(0.55);
        JSplitPane centre = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(table), bottom);
        centre.setResizeWeight(0.45);
        dialog.getContentPane().add(top, BorderLayout.NORTH);
        dialog.getContentPane().add(centre, BorderLayout.CENTER);
        dialog.setSize(1200, 820);
        dialog.setLocationRelativeTo(owner);
    }

    /** Event Dispatch Thread. Returns the dialog, shown; a worker fills it in. */
    static JDialog show(Component owner, CaptureSession session) {
        ThreadGuard.uiThreadGuard();
        PrefetchDialog d = new PrefetchDialog(owner, session);
        d.dialog.setVisible(true);
        d.compute();
        return d.dialog;
    }

    /** The What-If dialog shown in {@code d} (for tests that drive it), or null. */
    static PrefetchDialog of(JDialog d) {
        return (PrefetchDialog) d.getRootPane().getClientProperty(PrefetchDialog.class);
    }

    private void compute() {
        LoadedCapture loaded = session.loaded();
        CaptureLoader.Options options = session.source().options();
        Selection selection = session.selection();       // immutable: safe to read on the worker
        Path own = loaded.files().uffd();
        List<Path> others = new ArrayList<>();
        if (own != null && TraceSources.isRestore(own)) {
            others.addAll(TraceSources.restoresAmong(loaded.files()));
            others.remove(own);
        }
        CancellationFlag flag = new CancellationFlag(ProgressListener.NONE);
        cancel.addActionListener(e -> flag.cancel());
        new SwingWorker<Computed, Void>() {
            @Override
            protected Computed doInBackground() throws Exception {
                ThreadGuard.notUiThreadGuard();
                RestoreRuns runs = RestoreRuns.withLoaded(loaded, others, options, flag);
                List<PageSelection> selections = selection == null || selection.isEmpty() ? List.of()
                        : List.of(PageSelection.of(selection, runs.runs().get(0)));
                PrefetchReport report = WhatIf.run(TrainTest.defaultSplit(runs.runs()), null, selections,
                        CostModel.defaults(), flag);
                return new Computed(runs, selections, report, PrefetchChart.of(report));
            }

            @Override
            protected void done() {
                progress.setVisible(false);
                cancel.setVisible(false);
                try {
                    fill(get());
                } catch (CancellationException | ExecutionException e) {
                    Throwable why = e.getCause() == null ? e : e.getCause();
                    split.setText(why instanceof org.uffdvisualizer.progress.CancelledException ? "Cancelled."
                            : "The what-if could not be computed: " + why.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }.execute();
    }

    private void fill(Computed c) {
        computed = c;
        PrefetchReport r = c.report();
        String costLine = String.format("Cost model: %.1f us per demand fault, %d MiB/s prefetched (docs/uffd-handler.md).",
                r.cost().faultNanos() / 1000.0, r.cost().bytesPerSecond() >> 20);
        String text = r.scoredOnTraining()
                ? "SCORED ON THE TRAINING RUN " + r.test().get(0) + ": the figures say how well a set replays its own"
                        + " restore, not how it predicts another; a capture with two or more restore traces gives a"
                        + " held-out score."
                : "Trained on " + String.join(", ", r.train()) + "; scored on " + String.join(", ", r.test())
                        + " (held out). Union and intersection train on every other restore.";
        split.setText("<html>" + text + "<br>" + costLine + "</html>");
        model.setRows(r.outcomes());
        chart.setChart(c.chart());
    }

    /** Colours the grid by the chosen row's strategy, computed on a worker. */
    private void rowChosen() {
        int row = table.getSelectedRow();
        if (computed == null || row < 0) {
            return;
        }
        Outcome o = model.row(table.convertRowIndexToModel(row));
        Strategy strategy = Strategy.parse(o.strategy());
        export.setEnabled(strategy.usesRecording());
        List<RestoreRun> train = runsNamed(o.train());
        RestoreRun test = runsNamed(List.of(o.test())).get(0);
        PageSelection selection = selectionOf(o);
        int width = session.grid().width();
        int rows = session.grid().rows();
        int perCell = session.grid().framesPerCell();
        boolean dark = session.grid().palette().isDark();
        if (fateWorker != null) {
            fateWorker.cancel(false);
        }
        fateWorker = new SwingWorker<Object[], Void>() {
            @Override
            protected Object[] doInBackground() {
                ThreadGuard.notUiThreadGuard();
                PageFates f = Simulator.fates(strategy, train, test, selection == null ? null : selection.pages(),
                        computed.report().cost());
                long[] counts = new long[4];
                for (int p = f.next(0); p >= 0; p = f.next(p + 1)) {
                    counts[f.of(p)]++;
                }
                return new Object[] {PrefetchFateImage.of(f, width, rows, perCell, dark), counts};
            }

            @Override
            protected void done() {
                if (isCancelled()) {
                    return;
                }
                try {
                    Object[] result = get();
                    long[] n = (long[]) result[1];
                    fates.setImage((BufferedImage) result[0]);
                    fateLegend.setText(String.format("<html>%s on %s: %s %,d prefetched &nbsp;%s %,d still fault"
                            + " &nbsp;%s %,d wasted (pages)</html>", o.name(), o.test(), swatch(PageFates.PREFETCHED),
                            n[PageFates.PREFETCHED], swatch(PageFates.STILL_FAULTS), n[PageFates.STILL_FAULTS],
                            swatch(PageFates.WASTED), n[PageFates.WASTED]));
                } catch (ExecutionException e) {
                    fateLegend.setText("Could not colour the grid: " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        fateWorker.execute();
    }

    private static String swatch(byte fate) {
        return String.format("<font color='#%06x'>&#9632;</font>", PrefetchFateImage.RGB[fate]);
    }

    private void exportChosen() {
        int row = table.getSelectedRow();
        if (computed == null || row < 0) {
            return;
        }
        Outcome o = model.row(table.convertRowIndexToModel(row));
        Path target = WorkingSetExport.chooseFile(dialog, "working-set-" + o.strategy() + ".txt");
        if (target != null) {
            exportRow(o, target);
        }
    }

    /** Writes the set of row {@code o}'s strategy, as it was trained, to {@code target}. */
    SwingWorker<Void, Void> exportRow(Outcome o, Path target) {
        Strategy strategy = Strategy.parse(o.strategy());
        List<RestoreRun> train = runsNamed(o.train());
        PageSelection selection = selectionOf(o);
        String capture = session.title();
        return WorkingSetExport.write(() -> new WorkingSetExport.Job(strategy, train, selection, capture), target,
                (file, error) -> WorkingSetExport.report(dialog, file, error));
    }

    private List<RestoreRun> runsNamed(List<String> names) {
        return names.stream().map(n -> computed.runs().runs().stream().filter(r -> r.name().equals(n)).findFirst()
                .orElseThrow()).toList();
    }

    private PageSelection selectionOf(Outcome o) {
        return o.selection() == null ? null : computed.selections().stream()
                .filter(s -> s.label().equals(o.selection())).findFirst().orElse(null);
    }
}
