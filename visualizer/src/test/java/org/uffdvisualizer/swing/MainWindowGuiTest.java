package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.swing.JTree;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The real window under a real display (xvfb-run in CI): open a capture, select a process and an
 * NMT category in the tree, play, pause, step, scrub, and check the status line and pixels of
 * the canvas as they are on the screen. Run with {@code mvn verify -Pgui}.
 */
@Tag("gui")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MainWindowGuiTest {

    private static RealWindow real;
    private static FrameFixture window;
    private static MainWindow main;

    @BeforeAll
    static void openWindow() throws Exception {
        real = RealWindow.open("test", new Dimension(1500, 950));
        window = real.window;
        main = real.main;
        open(TestCaptures.jvm17Dir());
    }

    @AfterAll
    static void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private static void open(Path dir) {
        PageGrid before = GuiActionRunner.execute(() -> main.grid());
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(dir, CaptureLoader.Options.defaults())));
        waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null && main.grid() != before);
        window.robot().waitForIdle();
    }

    private static void waitFor(String what, Callable<Boolean> test) {
        RealWindow.waitFor(what, test);
    }

    private static String status() {
        return window.label("status").text();
    }

    private static int cursor() {
        return GuiActionRunner.execute(() -> main.replay().cursor());
    }

    private static int screenColour(long frame) {
        return real.screenColour(frame);
    }

    private static int rgb(byte pageClass) {
        return GuiActionRunner.execute(() -> main.grid().palette().rgb(pageClass));
    }

    private static JTreeFixture tree() {
        return real.tree();
    }

    @Test
    @Order(1)
    void showsTheCaptureWithTheReplayAtTheStart() {
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — qemu-jvm17-restore");
        assertThat(status()).isEqualTo("fault 0 of 1,339 · loaded 0, zeroed 0 · 0 KB");
        window.label("legend.Loaded by uffd").requireVisible();
        window.button("replay.PLAY_PAUSE").requireEnabled();
    }

    @Test
    @Order(2)
    void selectingAProcessHighlightsItsPages() throws Exception {
        tree().clickPath("114 java");
        waitFor("selection", () -> !main.grid().selection().isEmpty());
        assertThat(status()).endsWith("114 /opt/jdk-17/bin/java: 0 of 181,876 KB touched");
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        int jvm = m.sectionOfPid(114);
        int exclusive = -1;
        for (int e = m.sectionFirstEntry(jvm); exclusive < 0; e++) {
            if (m.pageOwnerCount(m.pageIndex(m.entryPfn(e))) == 1) {
                exclusive = m.entryPfn(e);
            }
        }
        assertThat(screenColour(exclusive)).isEqualTo(rgb(PageClass.SELECTED));
    }

    @Test
    @Order(3)
    void selectingAnNmtCategoryNarrowsTheSelection() {
        tree().expandPath("114 java").expandPath("114 java/NMT (nmt.txt.gz)").clickPath("114 java/NMT (nmt.txt.gz)/Java Heap");
        waitFor("heap selected", () -> main.grid().selection().label().startsWith("Java Heap"));
        assertThat(status()).isEqualTo("fault 0 of 1,339 · loaded 0, zeroed 0 · 0 KB · Java Heap of 114: 0 of 141,900 KB"
                + " touched");
    }

    @Test
    @Order(4)
    void playPauseStepAndScrubWithKeysAndSlider() {
        window.comboBox("replaySpeed").selectItem("100 faults/s");
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("playing and advancing", () -> main.replay().isPlaying() && main.replay().cursor() > 5);
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("paused", () -> !main.replay().isPlaying());
        int paused = cursor();
        assertThat(paused).isBetween(6, 1338);
        Pause.pause(200);
        assertThat(cursor()).isEqualTo(paused);
        assertThat(status()).startsWith(String.format("fault %,d of 1,339 · ", paused));

        window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        waitFor("stepped", () -> main.replay().cursor() == paused + 1);
        window.robot().pressAndReleaseKey(KeyEvent.VK_LEFT);
        window.robot().pressAndReleaseKey(KeyEvent.VK_LEFT);
        waitFor("stepped back", () -> main.replay().cursor() == paused - 1);
        assertThat(status()).startsWith(String.format("fault %,d of 1,339 · ", paused - 1));

        window.slider("timeline").slideTo(700);
        waitFor("scrubbed", () -> main.replay().cursor() == 700);
        assertThat(status()).startsWith("fault 700 of 1,339 · ");

        window.robot().pressAndReleaseKey(KeyEvent.VK_HOME);
        waitFor("at start", () -> main.replay().cursor() == 0);
        window.robot().pressAndReleaseKey(KeyEvent.VK_END);
        waitFor("at end", () -> main.replay().cursor() == 1339);
        assertThat(status()).isEqualTo("fault 1,339 of 1,339 · loaded 1,337, zeroed 2 · 5,356 KB"
                + " · Java Heap of 114: 2,204 of 141,900 KB touched");
    }

    @Test
    @Order(5)
    void aFaultedHeapPageIsDrawnAsLoadedAndSelectedExactlyFromItsFault() throws Exception {
        PageGrid grid = main.grid();
        Capture c = grid.capture();
        int fault = -1;
        int frame = -1;
        for (int i = 0; i < c.trace().faultCount() && fault < 0; i++) {
            int f = (int) (c.trace().physical(i) >>> PhysicalLayout.PAGE_SHIFT);
            if (c.mappings().pageIndex(f) >= 0 && grid.selection().containsFrame(f) && c.trace().firstFaultOf(f) == i) {
                fault = i;
                frame = f;
            }
        }
        assertThat(fault).isNotNegative();
        assertThat(screenColour(frame)).isEqualTo(rgb(PageClass.LOADED_SELECTED));
        window.spinner("goToFault").enterTextAndCommit(String.valueOf(fault));
        int k = fault;
        waitFor("went to the fault", () -> main.replay().cursor() == k);
        assertThat(screenColour(frame)).isEqualTo(rgb(PageClass.SELECTED));
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        waitFor("stepped over the fault", () -> main.replay().cursor() == k + 1);
        assertThat(screenColour(frame)).isEqualTo(rgb(PageClass.LOADED_SELECTED));
    }

    @Test
    @Order(6)
    void typingASpaceInTheSearchFieldFiltersAndDoesNotPlay() {
        window.textBox("treeSearch").click().enterText("thread stack");
        Pause.pause(400);
        assertThat(GuiActionRunner.execute(() -> main.replay().isPlaying())).isFalse();
        JTree t = window.tree("captureTree").target();
        waitFor("filtered", () -> t.getRowCount() > 0 && t.getRowCount() < 60);
        window.textBox("treeSearch").deleteText();
    }

    @Test
    @Order(7)
    void aBadDirectoryGivesADialogWithoutAStackTrace() throws Exception {
        Path empty = java.nio.file.Files.createTempDirectory("uffdvis-empty");
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(empty, CaptureLoader.Options.defaults())));
        window.optionPane(Timeout.timeout(10_000)).requireErrorMessage()
                .requireMessage(Pattern.compile(".*no mem_mapping\\* file in this directory.*", Pattern.DOTALL))
                .okButton().click();
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — qemu-jvm17-restore");
        java.nio.file.Files.delete(empty);
    }

    @Test
    @Order(8)
    void badLinesShowInTheDiagnosticsPanelWithFileAndLine() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("uffdvis-bad");
        java.nio.file.Files.copy(TestCaptures.jvm17Dir().resolve("mem_mapping.txt.gz"), dir.resolve("mem_mapping.txt.gz"));
        java.nio.file.Files.writeString(dir.resolve("uffd.log"),
                "UFFD_EVENT_PAGEFAULT (r): 0x00007fb983ecb000 0x00007fb983ecb000  Loading: 0x00000000000cb000 - 0x00000000000cc000\n"
                        + "UFFD_EVENT_PAGEFAULT (r): garbage\n"
                        + "UFFD_EVENT_PAGEFAULT (w): 0x00007fb983ecc000 0x00007fb983ecc000  Zeroing: 0x00000000000cc000 - 0x00000000000cd000\n");
        open(dir);
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — " + dir.getFileName() + " (incomplete)");
        window.table("diagnosticsTable").requireVisible().requireRowCount(1);
        assertThat(window.table("diagnosticsTable").valueAt(org.assertj.swing.data.TableCell.row(0).column(0)))
                .isEqualTo("uffd.log");
        assertThat(window.table("diagnosticsTable").valueAt(org.assertj.swing.data.TableCell.row(0).column(1)))
                .isEqualTo("2");
        assertThat(status()).isEqualTo("fault 0 of 2 · loaded 0, zeroed 0 · 0 KB");
        window.button("diagnosticsButton").requireVisible().requireText("\u26a0 1 line skipped");
        open(TestCaptures.jvm17Dir());
    }

    @Test
    @Order(9)
    void darkThemeSwitchesThePaletteAndIsRemembered() {
        real.toggleDarkTheme();
        waitFor("dark palette", () -> main.grid().palette().isDark());
        assertThat(new AppPreferences(real.preferences()).darkTheme()).isTrue();
        real.toggleDarkTheme();
        waitFor("light palette", () -> !main.grid().palette().isDark());
    }

    @Test
    @Order(10)
    void keysAndTheWheelZoomAroundTheGrid() {
        window.robot().click(main.canvas());
        double fit = GuiActionRunner.execute(() -> main.canvas().scale());
        window.robot().pressAndReleaseKey(KeyEvent.VK_PLUS);
        waitFor("zoomed in", () -> main.canvas().scale() > fit);
        window.robot().rotateMouseWheel(main.canvas(), 3);
        waitFor("zoomed out by the wheel", () -> main.canvas().scale() < fit);
        window.robot().pressKey(KeyEvent.VK_CONTROL);
        window.robot().pressAndReleaseKey(KeyEvent.VK_0);
        window.robot().releaseKey(KeyEvent.VK_CONTROL);
        double now = GuiActionRunner.execute(() -> main.canvas().scale());
        waitFor("fitted again from " + now + " to " + fit, () -> main.canvas().scale() == fit);
        assertThat(window.label("zoom").text()).isNotEmpty();
    }

    @Test
    @Order(11)
    void theViewExportsAsAPngOfTheGridArea() throws Exception {
        java.awt.image.BufferedImage img = GuiActionRunner.execute(() -> main.viewImage());
        Path out = java.nio.file.Files.createTempFile("uffdvis-view", ".png");
        org.uffdvisualizer.render.PngExport.write(img, out);
        java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(out.toFile());
        Dimension area = GuiActionRunner.execute(() -> main.canvas().getParent().getParent().getParent().getSize());
        assertThat(back.getWidth()).isEqualTo(area.width);
        assertThat(back.getHeight()).isEqualTo(area.height);
        // The top-left cell (frame 0) is drawn in the picture as on the screen.
        assertThat(back.getRGB(1, 1) & 0xffffff).isEqualTo(rgb(main.grid().classOf(0)));
        java.nio.file.Files.delete(out);
    }

    @Test
    @Order(12)
    void replayByTimestampOnTheBundledCapture() throws Exception {
        window.comboBox("replayMode").requireDisabled();     // the qemu log has no times
        PageGrid before = GuiActionRunner.execute(() -> main.grid());
        GuiActionRunner.execute(() -> main.openBundled());
        waitFor("bundled capture loaded", () -> !main.isLoading() && main.grid() != before);
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — jvm17-default (bundled sample)");
        window.comboBox("replayMode").requireEnabled().selectItem("by timestamp");
        window.comboBox("replaySpeed").selectItem("1/100 real time");
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("replaying by the log's times", () -> main.replay().cursor() > 100);
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("paused", () -> !main.replay().isPlaying());
        assertThat(window.label("traceTime").text()).matches("t = \\d+\\.\\d{3} ms");
        long faults = TestCaptures.pagefaultLines(TestCaptures.sampleDir("jvm17-default").resolve("uffd-extended.log.gz"));
        assertThat(status()).startsWith(String.format("fault %,d of %,d · ", cursor(), faults));
    }

    @Test
    @Order(13)
    void zoomToSelectionBringsAllOfTheSelectionOnScreen() {
        tree().clickPath("20296 java");
        waitFor("process selected", () -> main.grid().selection().label().startsWith("20296"));
        GuiActionRunner.execute(() -> main.canvas().actualSize());     // start from somewhere else
        window.robot().click(main.canvas());
        window.robot().pressKey(KeyEvent.VK_CONTROL);
        window.robot().pressAndReleaseKey(KeyEvent.VK_2);
        window.robot().releaseKey(KeyEvent.VK_CONTROL);
        waitFor("zoomed to the selection", () -> main.canvas().scale() != 1);
        window.robot().waitForIdle();
        boolean shown = GuiActionRunner.execute(() -> {
            PageGrid g = main.grid();
            Rectangle cells = org.uffdvisualizer.render.SelectionBounds.of(g);
            Rectangle first = main.canvas().cellBounds(g.firstFrameOf(cells.y * g.width() + cells.x));
            Rectangle last = main.canvas().cellBounds(g.firstFrameOf((cells.y + cells.height - 1) * g.width()
                    + cells.x + cells.width - 1));
            return main.canvas().getVisibleRect().contains(first.union(last));
        });
        assertThat(shown).as("the selection's cells inside the visible part of the grid").isTrue();
    }
}
