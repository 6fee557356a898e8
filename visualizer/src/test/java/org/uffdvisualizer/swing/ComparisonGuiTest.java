package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.TestCaptures;

/**
 * Two real captures compared in the real window: the default JVM 17 run (baseline) and the THP +
 * AppCDS run, opened from their explicit files. One selection by name reaches both, the replays
 * and the zoom go in step, each grid shows its own capture's pixels, captures can be removed and
 * made the baseline, and the grids can be stacked.
 */
@Tag("gui")
class ComparisonGuiTest {
    private static final CaptureSource DEFAULT = CaptureSource.ofFiles(TestCaptures.jvm17Files(),
            CaptureLoader.Options.defaults());
    private static final CaptureSource THP = CaptureSource.ofFiles(TestCaptures.thpFiles(),
            CaptureLoader.Options.defaults());

    private RealWindow real;
    private FrameFixture window;
    private MainWindow main;
    private ComparisonPanel cmp;

    @BeforeEach
    void openBoth() throws Exception {
        real = RealWindow.open("compare", new Dimension(1560, 980));
        window = real.window;
        main = real.main;
        cmp = main.comparison();
        GuiActionRunner.execute(() -> {
            main.open(DEFAULT);
            cmp.add(THP);
        });
        RealWindow.waitFor("both loaded", () -> cmp.sessions().size() == 2 && !cmp.isLoading());
        RealWindow.waitFor("charts computed", () -> !cmp.results().isComputing() && cmp.results().charts() != null);
        window.robot().waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private CaptureView view(int i) {
        return GuiActionRunner.execute(() -> cmp.views().get(i));
    }

    private int cursor(int i) {
        return GuiActionRunner.execute(() -> view(i).session().replay().cursor());
    }

    private int faults(int i) {
        return GuiActionRunner.execute(() -> view(i).session().replay().faultCount());
    }

    private void selectJavaHeapInTree() {
        real.tree().expandPath("20296 java").expandPath("20296 java/NMT (nmt.txt.gz)")
                .clickPath("20296 java/NMT (nmt.txt.gz)/Java Heap");
        RealWindow.waitFor("Java Heap selected in both", () -> cmp.sessions().stream()
                .allMatch(s -> s.selection().label().startsWith("Java Heap")));
    }

    /**
     * The table's row of the JVM's Java Heap: each run's resident KB as its own NMT report counts
     * them, and the THP run's difference to the baseline.
     */
    private void assertTableRowOfTheHeap() {
        javax.swing.JTable table = GuiActionRunner.execute(() -> cmp.results().table());
        int row = GuiActionRunner.execute(() -> {
            for (int r = 0; r < table.getRowCount(); r++) {
                if ("java / Java Heap".equals(table.getValueAt(r, 1))) {
                    return r;
                }
            }
            return -1;
        });
        assertThat(row).as("a row for the Java Heap").isGreaterThanOrEqualTo(0);
        long[] residentKb = GuiActionRunner.execute(() -> new long[] {heapResidentKb(0), heapResidentKb(1)});
        assertThat(GuiActionRunner.execute(() -> table.getValueAt(row, 2))).isEqualTo(residentKb[0]);
        assertThat(GuiActionRunner.execute(() -> table.getValueAt(row, 3))).isEqualTo(residentKb[1]);
        assertThat(GuiActionRunner.execute(() -> table.getValueAt(row, 4).toString()))
                .startsWith(String.format(java.util.Locale.ROOT, "%+,d KB (×", residentKb[1] - residentKb[0]));
        assertThat(GuiActionRunner.execute(() -> cmp.results().tableText()))
                .contains(String.format(java.util.Locale.ROOT, "nmt category\tjava / Java Heap\t%,d\t%,d", residentKb[0],
                        residentKb[1]));
        // The THP heap's touched pages lie in far fewer physical extents than the default heap's.
        assertThat(GuiActionRunner.execute(() -> table.getColumnName(6))).isEqualTo("jvm17-thp-appcds · touched extents");
        long defaultExtents = GuiActionRunner.execute(() -> (Long) table.getValueAt(row, 5));
        long thpExtents = GuiActionRunner.execute(() -> (Long) table.getValueAt(row, 6));
        assertThat(thpExtents).isPositive().isLessThan(defaultExtents / 10);
    }

    /** Resident KB of the Java Heap in view {@code i}'s NMT report, as the capture's model counts them. */
    private long heapResidentKb(int i) {
        var u = view(i).session().grid().capture().nmt().get(0);
        for (int c = 0; c < u.map().categoryCount(); c++) {
            if (u.map().category(c).equals("Java Heap")) {
                return u.categoryTotals(c).residentBytes() / 1024;
            }
        }
        throw new AssertionError("no Java Heap in view " + i);
    }

    /** The fault by which half of the baseline's selected pages have been faulted. */
    private int middleHeapFault() {
        return GuiActionRunner.execute(() -> {
            FaultTrace t = view(0).session().grid().capture().trace();
            Selection heap = view(0).session().selection();
            java.util.List<Integer> firsts = new java.util.ArrayList<>();
            for (int f = heap.nextFrame(0); f >= 0; f = heap.nextFrame(f + 1)) {
                if (t.firstFaultOf(f) >= 0) {
                    firsts.add(t.firstFaultOf(f));
                }
            }
            java.util.Collections.sort(firsts);
            return firsts.get(firsts.size() / 2);
        });
    }

    /** The first page of {@code selection} in view {@code i} that a fault in {@code [from, to)} faults first. */
    private int heapFrame(int i, Selection selection, int from, int to) {
        return GuiActionRunner.execute(() -> {
            FaultTrace t = view(i).session().grid().capture().trace();
            for (int f = selection.nextFrame(0); f >= 0; f = selection.nextFrame(f + 1)) {
                int first = t.firstFaultOf(f);
                if (first >= from && first < to) {
                    return f;
                }
            }
            throw new AssertionError("no such heap page in view " + i);
        });
    }

    /** Zooms view {@code i} in to 4 px per cell (the other follows), shows {@code frame}, and reads its pixel. */
    private int pixel(int i, int frame) {
        return real.zoomedColour(view(i), frame);
    }

    private int rgb(int i, int pageClass) {
        return GuiActionRunner.execute(() -> view(i).session().grid().palette().rgb((byte) pageClass));
    }

    @Test
    void javaHeapByNameStepsInStepOnBothGridsAndInTheCharts() throws Exception {
        RealWindow.waitFor("labels", () -> cmp.label(0).contains("JDK") && cmp.label(1).contains("JDK"));
        assertThat(GuiActionRunner.execute(() -> cmp.label(0))).isEqualTo("Baseline: jvm17-default (JDK 17)");
        assertThat(GuiActionRunner.execute(() -> cmp.label(1))).isEqualTo("jvm17-thp-appcds (JDK 17,"
                + " -XX:+UseTransparentHugePages, -Xshare:on, -XX:SharedArchiveFile=app.jsa)");

        selectJavaHeapInTree();
        // PIDs differ between the runs (20296 and 21458): the name found the THP run's heap.
        assertThat(GuiActionRunner.execute(() -> view(1).session().selection().label())).isEqualTo("Java Heap");
        assertThat(GuiActionRunner.execute(() -> view(1).session().selection().pageCount())).isGreaterThan(1000);

        // Go to the middle of the baseline's heap faults, then one step: the THP replay follows by share of the trace.
        int middle = middleHeapFault();
        new org.assertj.swing.fixture.JPanelFixture(window.robot(), view(0)).spinner("goToFault")
                .enterTextAndCommit(String.valueOf(middle));
        RealWindow.waitFor("baseline in the middle", () -> view(0).session().replay().cursor() == middle);
        window.robot().click(view(0).canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        RealWindow.waitFor("stepped", () -> view(0).session().replay().cursor() == middle + 1);
        assertThat(cursor(1)).isEqualTo((int) Math.round((middle + 1.0) * faults(1) / faults(0)));

        // The charts follow the selection by name.
        // The selection's computation may end before the replay's (which waits for the replay to
        // rest): wait for the one made at the baseline's position.
        RealWindow.waitFor("charts of the heap at the replay's position", () -> !cmp.results().isComputing()
                && cmp.results().computedAt() == view(0).session().replay().cursor()
                && cmp.results().charts().cumulative().getTitle().getText().equals("Faults served so far: Java Heap"));
        assertTableRowOfTheHeap();

        // Each grid shows its own heap pages: loaded by now in the selection's colour, still to come in its own.
        int[] toCome = new int[2];
        for (int i = 0; i < 2; i++) {
            int index = i;
            int c = cursor(i);
            Selection heap = GuiActionRunner.execute(() -> view(index).session().selection());
            assertThat(pixel(i, heapFrame(i, heap, 0, c))).as("loaded heap page in view %d", i)
                    .isEqualTo(rgb(i, PageClass.LOADED_SELECTED));
            toCome[i] = heapFrame(i, heap, c, Integer.MAX_VALUE);
            assertThat(pixel(i, toCome[i])).as("heap page still to come in view %d", i).isEqualTo(rgb(i, PageClass.SELECTED));
        }

        // With the NMT overlay and nothing selected, a heap page still to come has the Java Heap
        // colour in both: one colour by name (NmtColours), whatever order each NMT file lists it in.
        GuiActionRunner.execute(() -> {
            main.action(WindowAction.CLEAR_SELECTION).actionPerformed(null);
            cmp.sessions().forEach(s -> s.setOverlays(java.util.EnumSet.of(Overlay.NMT)));
        });
        for (int i = 0; i < 2; i++) {
            int index = i;
            assertThat(GuiActionRunner.execute(() -> view(index).session().selection().isEmpty())).isTrue();
            assertThat(pixel(i, toCome[i])).as("heap page still to come in view %d", i)
                    .isEqualTo(org.uffdvisualizer.render.NmtColours.rgb("Java Heap"));
        }
    }

    @Test
    void zoomAndScrollGoInStepUnlessUnlinked() {
        GuiActionRunner.execute(() -> {
            view(0).canvas().actualSize();
            view(0).canvas().zoomIn();
            view(0).canvas().scrollTo((javax.swing.JViewport) view(0).canvas().getParent(), new Point(300, 1200));
        });
        window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(() -> view(1).canvas().scale())).isEqualTo(
                GuiActionRunner.execute(() -> view(0).canvas().scale())).isGreaterThan(1);
        assertThat(GuiActionRunner.execute(() -> view(0).canvas().grid().width())).isEqualTo(
                GuiActionRunner.execute(() -> view(1).canvas().grid().width()));
        assertThat(viewPosition(1)).isEqualTo(viewPosition(0)).isEqualTo(new Point(300, 1200));

        window.checkBox("zoomInStep").uncheck();
        GuiActionRunner.execute(() -> view(1).canvas().zoomIn());
        window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(() -> view(1).canvas().scale())).isGreaterThan(
                GuiActionRunner.execute(() -> view(0).canvas().scale()));
    }

    private Point viewPosition(int i) {
        return GuiActionRunner.execute(() -> ((javax.swing.JViewport) view(i).canvas().getParent()).getViewPosition());
    }

    @Test
    void replayInStepByFaultIndexOrNotLinked() {
        window.comboBox("replayStep").selectItem(ReplayLink.Step.FAULT_INDEX.toString());
        new org.assertj.swing.fixture.JPanelFixture(window.robot(), view(0)).spinner("goToFault").enterTextAndCommit("1234");
        RealWindow.waitFor("baseline at 1,234", () -> view(0).session().replay().cursor() == 1_234);
        assertThat(cursor(1)).isEqualTo(1_234);

        // Driven from the other grid: its End takes the baseline to its end too.
        window.robot().click(view(1).canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_END);
        RealWindow.waitFor("both at their ends", () -> view(0).session().replay().cursor() == faults(0)
                && view(1).session().replay().cursor() == faults(1));

        window.comboBox("replayStep").selectItem(ReplayLink.Step.OFF.toString());
        window.robot().click(view(0).canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_HOME);
        RealWindow.waitFor("baseline at 0", () -> view(0).session().replay().cursor() == 0);
        assertThat(cursor(1)).isEqualTo(faults(1));
    }

    @Test
    void baselineChangesAndCapturesGoAway() {
        assertThat(GuiActionRunner.execute(() -> main.session().source())).isEqualTo(DEFAULT);
        window.button("makeBaseline.1").click();
        RealWindow.waitFor("THP is the baseline", () -> main.session().source().equals(THP));
        assertThat(GuiActionRunner.execute(() -> view(1).session().source())).isEqualTo(DEFAULT);
        RealWindow.waitFor("baseline label", () -> cmp.label(0).startsWith("Baseline: jvm17-thp-appcds"));
        RealWindow.waitFor("the frame's title follows", () -> main.getTitle().contains("jvm17-thp-appcds"));

        window.button("removeCapture.0").click();
        RealWindow.waitFor("one capture left", () -> cmp.views().size() == 1);
        assertThat(GuiActionRunner.execute(() -> main.session().source())).isEqualTo(DEFAULT);
        assertThat(GuiActionRunner.execute(() -> main.getTitle())).contains("jvm17-default");
        // Alone again: the frame's view as before any comparison, without the comparison's bar.
        assertThat(GuiActionRunner.execute(() -> main.view().getParent() == cmp)).isTrue();
        assertThat(window.robot().finder().findAll(c -> "comparisonBar".equals(c.getName()) && c.isShowing())).isEmpty();
    }

    /** Whether the part named {@code name} of view {@code i} is on screen. */
    private boolean showing(int i, String name) {
        return GuiActionRunner.execute(() -> named(cmp.views().get(i), name).isShowing());
    }

    private static java.awt.Component named(java.awt.Container in, String name) {
        for (java.awt.Component c : in.getComponents()) {
            java.awt.Component found = name.equals(c.getName()) ? c
                    : c instanceof java.awt.Container k ? named(k, name) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void comparedGridsShareTheLegendColumnAndLeaveTheTimelineToTheCharts() {
        // Side by side: the legend and overlay column beside the last grid only; no timeline under any grid.
        assertThat(showing(0, "legendColumn")).as("column beside the baseline").isFalse();
        assertThat(showing(1, "legendColumn")).as("column beside the last grid").isTrue();
        assertThat(showing(0, "timelineSlot") || showing(1, "timelineSlot")).as("a timeline under a grid").isFalse();
        int first = GuiActionRunner.execute(() -> cmp.views().get(0).canvas().getParent().getWidth());
        int last = GuiActionRunner.execute(() -> cmp.views().get(1).canvas().getParent().getWidth());
        assertThat(first).as("the baseline's grid has the column's width too").isGreaterThan(last + 100);

        // Stacked, each grid has the window's width, and its column.
        window.checkBox("comparisonStacked").check();
        window.robot().waitForIdle();
        assertThat(showing(0, "legendColumn")).isTrue();
        assertThat(showing(1, "legendColumn")).isTrue();
        window.checkBox("comparisonStacked").uncheck();
        window.robot().waitForIdle();

        // Alone again: the frame's view as before any comparison, column and timeline.
        GuiActionRunner.execute(() -> cmp.removeCapture(1));
        RealWindow.waitFor("one capture left", () -> cmp.views().size() == 1);
        window.robot().waitForIdle();
        assertThat(showing(0, "legendColumn")).isTrue();
        assertThat(showing(0, "timelineSlot")).isTrue();
    }

    @Test
    void stackedOrSideBySideIsRemembered() {
        Point a = GuiActionRunner.execute(() -> view(0).getLocationOnScreen());
        Point b = GuiActionRunner.execute(() -> view(1).getLocationOnScreen());
        assertThat(b.x).as("side by side").isGreaterThan(a.x + 300);
        assertThat(b.y).isEqualTo(a.y);

        window.checkBox("comparisonStacked").check();
        window.robot().waitForIdle();
        a = GuiActionRunner.execute(() -> view(0).getLocationOnScreen());
        b = GuiActionRunner.execute(() -> view(1).getLocationOnScreen());
        assertThat(b.y).as("stacked").isGreaterThan(a.y + 100);
        assertThat(b.x).isEqualTo(a.x);
        assertThat(real.preferences().getBoolean("comparisonStacked", false)).isTrue();
    }

    @Test
    void chartsExportAsPngAndSvg(@TempDir Path dir) throws Exception {
        window.checkBox("cumulativeByOwner").check();
        RealWindow.waitFor("faults stacked by owner", () -> !cmp.results().isComputing()
                && cmp.results().charts().cumulative().getTitle().getText().equals("Faults served so far by owner"));
        String[] said = new String[2];
        GuiActionRunner.execute(() -> cmp.results().exportCharts(dir.resolve("cmp.svg"), (out, error) -> {
            said[0] = out;
            said[1] = error;
        }));
        RealWindow.waitFor("SVG written", () -> said[0] != null);
        assertThat(said[1]).isNull();
        assertThat(Files.readString(dir.resolve("cmp-nmt.svg"))).startsWith("<?xml").contains("jvm17-thp-appcds uffd-loaded");
        assertThat(Files.readString(dir.resolve("cmp-faults.svg"))).contains("Faults served so far by owner");
        said[0] = null;
        GuiActionRunner.execute(() -> cmp.results().exportCharts(dir.resolve("cmp.png"), (out, error) -> said[0] = out));
        RealWindow.waitFor("PNG written", () -> said[0] != null);
        assertThat(javax.imageio.ImageIO.read(dir.resolve("cmp-nmt.png").toFile()).getWidth()).isEqualTo(1200);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cmp-nmt.svg", "cmp-faults.svg",
                    "cmp-nmt.png", "cmp-faults.png");
        }
    }
}
