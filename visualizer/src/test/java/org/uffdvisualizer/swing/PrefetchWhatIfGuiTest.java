package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JTable;
import org.assertj.swing.edt.GuiActionRunner;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.prefetch.CostModel;
import org.uffdvisualizer.prefetch.Outcome;
import org.uffdvisualizer.prefetch.PageFates;
import org.uffdvisualizer.prefetch.PageSelection;
import org.uffdvisualizer.prefetch.PrefetchReport;
import org.uffdvisualizer.prefetch.RestoreRuns;
import org.uffdvisualizer.prefetch.Simulator;
import org.uffdvisualizer.prefetch.Strategy;
import org.uffdvisualizer.prefetch.TraceSources;
import org.uffdvisualizer.prefetch.TrainTest;
import org.uffdvisualizer.prefetch.WhatIf;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.PrefetchFateImage;
import org.uffdvisualizer.render.Selection;

/**
 * Replay > Prefetch What-If… in the real window on the lab capture (three restores): the table is
 * the one {@code prefetch} computes, trained on restore 1 and scored on restores 2 and 3; the
 * chart has a series per scored restore; choosing a row colours the dialog's grid by its
 * strategy; and the chosen row's set is exported as the command writes it.
 */
@Tag("gui")
class PrefetchWhatIfGuiTest {
    private static final Path LAB = Path.of(System.getProperty("sampleData", "../sample-data"), "lab-jvm17-default");
    private RealWindow real;

    @TempDir
    Path dir;

    @BeforeEach
    void openWindow() throws Exception {
        real = RealWindow.open("prefetch", new Dimension(1500, 950));
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private MainWindow openLab(Path capture) {
        MainWindow main = real.main;
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(capture, CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null);
        return main;
    }

    private JTable openWhatIf(MainWindow main) {
        GuiActionRunner.execute(() -> main.view().action(WindowAction.PREFETCH_WHAT_IF).actionPerformed(null));
        JTable table = real.window.robot().finder().findByName("prefetchTable", JTable.class, true);
        RealWindow.waitFor("the strategies scored", () -> table.getRowCount() > 0);
        return table;
    }

    @Test
    void theTableIsTheCommandsAndTheGridShowsEachPagesFate() throws Exception {
        MainWindow main = openLab(LAB);
        JTable table = openWhatIf(main);
        // What prefetch computes for the same capture and the window's selection (the JVM, selected on open),
        // here on the test thread.
        RestoreRuns runs = RestoreRuns.load(TraceSources.of(List.of(LAB)), CaptureLoader.Options.defaults(),
                ProgressListener.NONE);
        Selection jvm = GuiActionRunner.execute(() -> main.grid().selection());
        assertThat(jvm.label()).contains("146");
        PrefetchReport expected = WhatIf.run(TrainTest.defaultSplit(runs.runs()), null,
                List.of(PageSelection.of(jvm, runs.runs().get(0))), CostModel.defaults(), ProgressListener.NONE);
        List<String> shown = GuiActionRunner.execute(() -> {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                rows.add(table.getValueAt(r, 0) + " | " + table.getValueAt(r, 1) + " | " + table.getValueAt(r, 2)
                        + " | " + table.getValueAt(r, 3));
            }
            return rows;
        });
        assertThat(shown).containsExactlyElementsOf(expected.outcomes().stream().map(o -> o.test() + " | " + o.name()
                + " | " + (o.train().isEmpty() ? "-" : String.join(" + ", o.train())) + " | " + o.faultsLeft()).toList());
        assertThat(shown).anyMatch(s -> s.startsWith("uffd-restore-2.log.gz | recorded | uffd.log.gz | "))
                .noneMatch(s -> s.contains("training run"));
        String split = GuiActionRunner.execute(() -> real.window.robot().finder()
                .findByName("prefetchSplit", JLabel.class, true).getText());
        assertThat(split).contains("Trained on uffd.log.gz; scored on uffd-restore-2.log.gz, uffd-restore-3.log.gz (held out)");
        ChartPanel chart = real.window.robot().finder().findByName("prefetchChart", ChartPanel.class, true);
        assertThat(GuiActionRunner.execute(() -> ((XYPlot) chart.getChart().getPlot()).getDataset().getSeriesCount()))
                .isEqualTo(2);

        // Choose "recorded" on restore 2: the grid shows its pages' fates, as Simulator.fates tells them.
        int row = shown.indexOf(shown.stream().filter(s -> s.startsWith("uffd-restore-2.log.gz | recorded |"))
                .findFirst().orElseThrow());
        GuiActionRunner.execute(() -> table.setRowSelectionInterval(row, row));
        FateGridPanel grid = real.window.robot().finder().findByName("prefetchFates", FateGridPanel.class, true);
        RealWindow.waitFor("the grid coloured", () -> grid.image() != null);
        BufferedImage image = GuiActionRunner.execute(grid::image);
        PageFates fates = Simulator.fates(Strategy.RECORDED, List.of(runs.runs().get(0)), runs.runs().get(1), null,
                CostModel.defaults());
        int framesPerCell = GuiActionRunner.execute(() -> main.grid().framesPerCell());
        int stillFaulting = 0;
        for (int p = fates.next(0); p >= 0; p = fates.next(p + 1)) {
            if (fates.of(p) == PageFates.STILL_FAULTS) {
                stillFaulting++;
                long cell = fates.test().frameOf(p) / framesPerCell;
                int x = (int) (cell % image.getWidth());
                int y = (int) (cell / image.getWidth());
                assertThat(image.getRGB(x, y) & 0xffffff).as("page %d", p).isEqualTo(PrefetchFateImage.RGB[PageFates.STILL_FAULTS]);
            }
        }
        assertThat(stillFaulting).isEqualTo(346);
        String legend = GuiActionRunner.execute(() -> real.window.robot().finder()
                .findByName("prefetchFateLegend", JLabel.class, true).getText());
        assertThat(legend).contains("recorded on uffd-restore-2.log.gz").contains("346 still fault");

        // Its set, exported from the dialog, is what prefetch --out writes.
        Path fromDialog = dir.resolve("dialog.txt");
        Outcome recorded = expected.outcomesOf("uffd-restore-2.log.gz").stream()
                .filter(o -> o.strategy().equals("recorded") && o.selection() == null).findFirst().orElseThrow();
        JDialog d = real.window.robot().finder().findByName("prefetchDialog", JDialog.class, true);
        Path fromCommand = dir.resolve("command.txt");
        org.uffdvisualizer.cli.Main.run(new String[] {"prefetch", "--strategy", "recorded", "--out", fromCommand.toString(),
            LAB.toString()}, new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(System.err, true));
        GuiActionRunner.execute(() -> PrefetchDialog.of(d).exportRow(recorded, fromDialog));
        RealWindow.waitFor("the set written", () -> Files.exists(fromDialog));
        assertThat(entries(fromDialog)).isEqualTo(entries(fromCommand)).hasSize(9785);
    }

    @Test
    void fileExportWorkingSetWritesTheRestoresPagesOrOnlyTheSelected() throws Exception {
        MainWindow main = openLab(LAB);
        Selection jvm = GuiActionRunner.execute(() -> main.grid().selection());
        Path all = dir.resolve("all.txt");
        Path only = dir.resolve("only.txt.gz");
        GuiActionRunner.execute(() -> WorkingSetExport.recorded(main.view().session(), all, false, (f, e) -> { }));
        GuiActionRunner.execute(() -> WorkingSetExport.recorded(main.view().session(), only, true, (f, e) -> { }));
        RealWindow.waitFor("both sets written", () -> Files.exists(all) && Files.exists(only));
        assertThat(pages(all)).isEqualTo(10_699);
        assertThat(Files.readAllLines(all)).contains("# selection: all pages", "# strategy: recorded");
        // the JVM's pages among the restore's (page-touch offsets are guest-physical)
        RestoreRuns runs = RestoreRuns.load(TraceSources.of(List.of(LAB)), CaptureLoader.Options.defaults(),
                ProgressListener.NONE);
        long selected = 0;
        for (int i = 0; i < runs.runs().get(0).faults(); i++) {
            selected += jvm.containsFrame(runs.runs().get(0).page(i)) ? 1 : 0;
        }
        assertThat(selected).isBetween(1L, 10_698L);
        assertThat(pages(only)).isEqualTo(selected);
    }

    private static long pages(Path f) throws java.io.IOException {
        try (java.io.InputStream raw = Files.newInputStream(f);
                java.io.InputStream in = f.toString().endsWith(".gz") ? new java.util.zip.GZIPInputStream(raw) : raw) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.startsWith("#")).mapToLong(l -> Long.decode(l.split(" ")[1]) / 4096).sum();
        }
    }

    private static List<String> entries(Path f) throws java.io.IOException {
        return Files.readAllLines(f).stream().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void cancelStopsTheWorkAndSaysSo() {
        MainWindow main = openLab(LAB);
        // Cancel in the same event as the opening: the flag is up long before the second of reading and
        // scoring is done, and the worker looks at it between traces, while parsing and between strategies.
        JDialog d = GuiActionRunner.execute(() -> {
            main.view().action(WindowAction.PREFETCH_WHAT_IF).actionPerformed(null);
            JDialog shown = real.window.robot().finder().findByName("prefetchDialog", JDialog.class, true);
            real.window.robot().finder().findByName(shown, "prefetchCancel", javax.swing.JButton.class, true).doClick();
            return shown;
        });
        JLabel split = real.window.robot().finder().findByName(d, "prefetchSplit", JLabel.class, true);
        RealWindow.waitFor("the work stopped", () -> split.getText().equals("Cancelled."));
        JTable table = real.window.robot().finder().findByName(d, "prefetchTable", JTable.class, true);
        assertThat(GuiActionRunner.execute(table::getRowCount)).isZero();
    }

    @Test
    void aSingleRestoreSaysItIsScoredOnItsTrainingRun() throws Exception {
        Path one = Files.createDirectory(dir.resolve("one"));
        for (String f : new String[] {"mem_mapping.txt.gz", "nmt.txt.gz", "uffd.log.gz"}) {
            Files.copy(LAB.resolve(f), one.resolve(f));
        }
        MainWindow main = openLab(one);
        JTable table = openWhatIf(main);
        String split = GuiActionRunner.execute(() -> real.window.robot().finder()
                .findByName("prefetchSplit", JLabel.class, true).getText());
        assertThat(split).contains("SCORED ON THE TRAINING RUN uffd.log.gz");
        List<String> recorded = GuiActionRunner.execute(() -> {
            List<String> rows = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                if (table.getValueAt(r, 1).equals("recorded")) {
                    rows.add(table.getValueAt(r, 0) + " | " + table.getValueAt(r, 3));
                }
            }
            return rows;
        });
        assertThat(recorded).containsExactly("uffd.log.gz (training run) | 0");
        ChartPanel chart = real.window.robot().finder().findByName("prefetchChart", ChartPanel.class, true);
        assertThat(GuiActionRunner.execute(() -> chart.getChart().getTitle().getText())).contains("training run");
    }
}
