package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.FaultMarker;
import org.uffdvisualizer.render.TestCaptures;

/**
 * In the real window at the zoom it opens with (several pages per pixel), stepping one fault moves
 * the current-fault marker on the screen to the new fault's page, and the status line names that
 * fault and its page; a trail chosen in the replay bar marks the page of the fault before.
 */
@Tag("gui")
class ReplayMarkerGuiTest {
    private RealWindow real;

    @BeforeEach
    void openWindow() throws Exception {
        real = RealWindow.open("marker", new Dimension(1500, 950));
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void steppingOneFaultMovesTheMarkerAndTheStatusNamesThePage() {
        MainWindow main = openJvm17();
        real.window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(() -> main.canvas().scale())).as("opening zoom").isLessThan(1);
        FaultTrace t = GuiActionRunner.execute(() -> main.grid().capture().trace());
        // A fault whose successor lies far away, so the marker visibly jumps.
        int k = 30_000;
        while (Math.abs(frame(t, k + 1) - frame(t, k)) < 8192) {
            k++;
        }
        int at = k + 1;
        GuiActionRunner.execute(() -> main.replay().seek(at));
        real.window.robot().waitForIdle();
        Rectangle before = GuiActionRunner.execute(() -> main.canvas().markerBounds());

        real.window.robot().click(main.canvas(), new Point(1, 1));
        real.window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        RealWindow.waitFor("stepped one fault", () -> main.replay().cursor() == at + 1);
        real.window.robot().waitForIdle();

        Rectangle after = GuiActionRunner.execute(() -> main.canvas().markerBounds());
        assertThat(after).isNotEqualTo(before);
        // The ring on the screen: its right-hand point is drawn dark.
        Point ring = onScreen(main, at, FaultMarker.radius(GuiActionRunner.execute(() -> main.canvas().scale())));
        int rgb = real.screen.getPixelColor(ring.x, ring.y).getRGB() & 0xffffff;
        assertThat(((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)).as("ring pixel %06x", rgb).isLessThan(200);
        // The trail is off by default; a trail of 3 puts a dark dot on the page of the fault just left.
        Point left = onScreen(main, at - 1, 0);
        int untrailed = real.screen.getPixelColor(left.x, left.y).getRGB() & 0xffffff;
        real.window.spinner("faultTrail").enterTextAndCommit("3");
        real.window.robot().waitForIdle();
        int trailed = real.screen.getPixelColor(left.x, left.y).getRGB() & 0xffffff;
        assertThat(trailed).as("trail dot %06x over %06x", trailed, untrailed).isNotEqualTo(untrailed);
        assertThat(((trailed >> 16) & 0xff) + ((trailed >> 8) & 0xff) + (trailed & 0xff)).isLessThan(200);

        // The whole status text: the label cuts it to the window's width.
        String status = GuiActionRunner.execute(() -> main.view().statusBar().status());
        assertThat(status).contains(String.format("now fault %,d: %#x", at + 1, t.physical(at)));
    }

    @Test
    void keysJumpToTheSelectionsFirstAndLastFaultAndTheFilterStepsThroughItsFaults() {
        MainWindow main = openJvm17();
        // The Java Heap of the workload JVM: its faults are 20,995 to 60,379 (analyze), with others between.
        real.window.robot().click(main.canvas(), new Point(1, 1));
        GuiActionRunner.execute(() -> main.view().session().select(org.uffdvisualizer.render.SelectionSpec.resolve(
                main.grid().capture(), TestCaptures.JVM17_PID + "/Java Heap")));
        real.window.robot().waitForIdle();

        real.window.robot().pressKey(KeyEvent.VK_SHIFT);
        real.window.robot().pressAndReleaseKey(KeyEvent.VK_END);
        real.window.robot().releaseKey(KeyEvent.VK_SHIFT);
        RealWindow.waitFor("at the selection's last fault", () -> main.replay().cursor() == 60_380);
        real.window.robot().pressKey(KeyEvent.VK_SHIFT);
        real.window.robot().pressAndReleaseKey(KeyEvent.VK_HOME);
        real.window.robot().releaseKey(KeyEvent.VK_SHIFT);
        RealWindow.waitFor("at the selection's first fault", () -> main.replay().cursor() == 20_996);

        real.window.menuItemWithPath("Replay", "Replay Only the Selection").click();
        FaultTrace t = GuiActionRunner.execute(() -> main.grid().capture().trace());
        org.uffdvisualizer.render.Selection heap = GuiActionRunner.execute(() -> main.grid().selection());
        // From a position whose next fault is someone else's, one step lands just after the heap's next one.
        int other = 20_996;
        while (org.uffdvisualizer.render.SelectionFaults.holds(t, heap, other)) {
            other++;
        }
        int from = other;
        int next = org.uffdvisualizer.render.SelectionFaults.next(t, heap, from);
        assertThat(next).isGreaterThan(from);
        GuiActionRunner.execute(() -> main.replay().seek(from));
        real.window.robot().click(main.canvas(), new Point(1, 1));
        GuiActionRunner.execute(() -> main.view().session().select(heap));
        real.window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        RealWindow.waitFor("stepped to the selection's next fault", () -> main.replay().cursor() == next + 1);
    }

    @Test
    void clickingTheTimelineSeeksAndItsCursorFollowsTheReplay() {
        MainWindow main = openJvm17();
        real.window.robot().waitForIdle();
        TimelinePanel timeline = GuiActionRunner.execute(() -> main.view().timeline());
        assertThat(GuiActionRunner.execute(timeline::isShowing)).isTrue();
        // The x axis is the fault index (uffd.log.gz has no times): click where fault 30,000 is drawn.
        Point at = GuiActionRunner.execute(() -> {
            Point origin = timeline.chartPanel().getLocationOnScreen();
            return new Point(origin.x + timeline.xOf(30_000), origin.y + timeline.chartPanel().getHeight() / 2);
        });
        real.window.robot().click(at, org.assertj.swing.core.MouseButton.LEFT_BUTTON, 1);
        RealWindow.waitFor("seeked near fault 30,000", () -> Math.abs(main.replay().cursor() - 30_000) <= 400);
        double cursorX = GuiActionRunner.execute(() -> timeline.chart().cursorX());
        int cursor = GuiActionRunner.execute(() -> main.replay().cursor());
        assertThat(cursorX).isEqualTo(cursor - 1.0);
    }

    @Test
    void theLocalityDialogShowsTheAnalyzeReportOfTheTraceAndTheSelection() {
        MainWindow main = openJvm17();
        org.uffdvisualizer.render.Selection heap = GuiActionRunner.execute(() -> {
            main.view().session().select(org.uffdvisualizer.render.SelectionSpec.resolve(main.grid().capture(),
                    TestCaptures.JVM17_PID + "/Java Heap"));
            return main.grid().selection();
        });
        GuiActionRunner.execute(() -> main.view().action(WindowAction.LOCALITY).actionPerformed(null));
        javax.swing.text.JTextComponent text = real.window.robot().finder()
                .findByName("localityText", javax.swing.text.JTextComponent.class, true);
        RealWindow.waitFor("the figures computed", () -> text.getText().startsWith("Locality"));
        // What analyze --select prints for the same capture and selection, computed here on the test thread.
        java.io.StringWriter expected = new java.io.StringWriter();
        try (java.io.PrintWriter w = new java.io.PrintWriter(expected)) {
            org.uffdvisualizer.analyze.LocalityText.write(org.uffdvisualizer.analyze.LocalityReport.of(
                    GuiActionRunner.execute(() -> main.grid().capture()), heap.label(), heap::containsFrame), w);
        }
        String shown = GuiActionRunner.execute(() -> text.getText());
        assertThat(shown).isEqualTo(expected.toString())
                .contains("next-page faults", "2 MiB blocks touched", heap.label().substring(0, 9));
    }

    /** sample-data/jvm17-default: uffd.log.gz, 60,380 faults, no times. */
    private MainWindow openJvm17() {
        MainWindow main = real.main;
        // Its files named, not its directory: the directory would open with the timed log (47,242 faults).
        GuiActionRunner.execute(() -> main.open(new CaptureSource("jvm17-default", null, TestCaptures.jvm17Files(),
                CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null);
        return main;
    }

    /** The screen point {@code dx} pixels right of the centre of fault {@code i}'s page. */
    private static Point onScreen(MainWindow main, int i, double dx) {
        return GuiActionRunner.execute(() -> {
            double[] c = FaultMarker.centre(main.grid(), i, new org.uffdvisualizer.render.RenderOptions(
                    main.canvas().scale(), 0, 0));
            Point origin = main.canvas().getLocationOnScreen();
            return new Point(origin.x + (int) Math.round(c[0] + dx), origin.y + (int) Math.floor(c[1]));
        });
    }

    private static long frame(FaultTrace t, int i) {
        return t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
    }
}
