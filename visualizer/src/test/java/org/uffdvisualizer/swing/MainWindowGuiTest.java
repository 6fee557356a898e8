package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.swing.JTree;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The real window under a real display (xvfb-run in CI): open a capture, select a process and an
 * NMT category in the tree, play, pause, step, scrub, and check the status line and pixels of
 * the canvas as they are on the screen. Run with {@code mvn verify -Pgui}. Every test gets a new
 * window, opens the capture it needs and sets up the selection and replay position it starts
 * from, so the tests pass in any order and alone; waits are on conditions.
 */
@Tag("gui")
class MainWindowGuiTest {

    private static final int JVM = TestCaptures.JVM17_PID;
    /** The status line's end while the workload JVM is selected (as it is when a capture opens) and nothing replayed. */
    private static final String JVM_SELECTED = " · " + JVM + " /usr/lib/jvm/java-17-openjdk-amd64/bin/java: 0 of 201,564 KB"
            + " touched";

    private RealWindow real;
    private FrameFixture window;
    private MainWindow main;

    @BeforeEach
    void openWindow() throws Exception {
        real = RealWindow.open("test", new Dimension(1500, 950));
        window = real.window;
        main = real.main;
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    /**
     * sample-data/jvm17-default: a 24 GiB guest, 60,380 faults (uffd.log.gz, no times), NMT of
     * the workload JVM {@link TestCaptures#JVM17_PID}.
     */
    private void openJvm17() {
        open(new CaptureSource("jvm17-default", null, TestCaptures.jvm17Files(), CaptureLoader.Options.defaults()));
    }

    /** One pixel per page, so that a page's colour on the screen is its own, not its block's. */
    private void onePixelPerPage() {
        GuiActionRunner.execute(() -> main.canvas().actualSize());
        waitFor("one pixel per page", () -> main.canvas().scale() == 1);
    }

    private void open(Path dir) {
        open(CaptureSource.ofDirectory(dir, CaptureLoader.Options.defaults()));
    }

    private void open(CaptureSource source) {
        PageGrid before = GuiActionRunner.execute(() -> main.grid());
        GuiActionRunner.execute(() -> main.open(source));
        waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null && main.grid() != before);
        window.robot().waitForIdle();
    }

    private static void waitFor(String what, Callable<Boolean> test) {
        RealWindow.waitFor(what, test);
    }

    /** The whole status text (a narrow status line leaves parts out; LayoutGuiTest checks that). */
    private String status() {
        return GuiActionRunner.execute(() -> main.view().statusBar().status());
    }

    private int cursor() {
        return GuiActionRunner.execute(() -> main.replay().cursor());
    }

    private int screenColour(long frame) {
        onePixelPerPage();
        return real.screenColour(frame);
    }

    private int rgb(byte pageClass) {
        return GuiActionRunner.execute(() -> main.grid().palette().rgb(pageClass));
    }

    private JTreeFixture tree() {
        return real.tree();
    }

    @Test
    void showsTheCaptureWithTheReplayAtTheStartAndTheJvmSelected() {
        openJvm17();
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — jvm17-default (composed restore order)");
        assertThat(status()).isEqualTo("fault 0 of 60,380 · loaded 0, zeroed 0 · 0 KB" + JVM_SELECTED);
        window.label("legend.Loaded by uffd").requireVisible();
        window.button("replay.PLAY_PAUSE").requireEnabled();
    }

    @Test
    void selectingAProcessHighlightsItsPages() throws Exception {
        openJvm17();
        tree().clickPath(JVM + " java");
        waitFor("selection", () -> !main.grid().selection().isEmpty());
        assertThat(status()).endsWith(JVM + " /usr/lib/jvm/java-17-openjdk-amd64/bin/java: 0 of 201,564 KB touched");
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        int jvm = m.sectionOfPid(JVM);
        int exclusive = -1;
        for (int e = m.sectionFirstEntry(jvm); exclusive < 0; e++) {
            if (m.pageOwnerCount(m.pageIndex(m.entryPfn(e))) == 1) {
                exclusive = m.entryPfn(e);
            }
        }
        assertThat(screenColour(exclusive)).isEqualTo(rgb(PageClass.SELECTED));
    }

    @Test
    void selectingAnNmtCategoryNarrowsTheSelection() {
        openJvm17();
        selectJavaHeap();
        assertThat(status()).isEqualTo("fault 0 of 60,380 · loaded 0, zeroed 0 · 0 KB · Java Heap of " + JVM + ": 0 of 150,052 KB"
                + " touched");
    }

    private void selectJavaHeap() {
        tree().expandPath(JVM + " java").expandPath(JVM + " java/NMT (nmt.txt.gz)")
                .clickPath(JVM + " java/NMT (nmt.txt.gz)/Java Heap");
        waitFor("heap selected", () -> main.grid().selection().label().startsWith("Java Heap"));
    }

    @Test
    void playPauseStepAndScrubWithKeysAndSlider() {
        openJvm17();
        selectJavaHeap();
        window.comboBox("replaySpeed").selectItem("100 faults/s");
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("playing and advancing", () -> main.replay().isPlaying() && main.replay().cursor() > 5);
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("paused", () -> !main.replay().isPlaying());
        int paused = cursor();
        assertThat(paused).isBetween(6, 60_379);
        window.robot().waitForIdle();
        // The timer is stopped, so the cursor stays; after all pending events it has not moved.
        assertThat(GuiActionRunner.execute(() -> main.replay().isPlaying())).isFalse();
        assertThat(cursor()).isEqualTo(paused);
        assertThat(status()).startsWith(String.format("fault %,d of 60,380 · ", paused));

        window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        waitFor("stepped", () -> main.replay().cursor() == paused + 1);
        window.robot().pressAndReleaseKey(KeyEvent.VK_LEFT);
        window.robot().pressAndReleaseKey(KeyEvent.VK_LEFT);
        waitFor("stepped back", () -> main.replay().cursor() == paused - 1);
        assertThat(status()).startsWith(String.format("fault %,d of 60,380 · ", paused - 1));

        // The slider has fewer pixels than the trace has faults: it lands within a pixel's worth of faults.
        window.slider("timeline").slideTo(30_190);
        waitFor("scrubbed", () -> Math.abs(main.replay().cursor() - 30_190) <= 200);
        assertThat(status()).startsWith(String.format("fault %,d of 60,380 · ", cursor()));

        window.robot().pressAndReleaseKey(KeyEvent.VK_HOME);
        waitFor("at start", () -> main.replay().cursor() == 0);
        window.robot().pressAndReleaseKey(KeyEvent.VK_END);
        waitFor("at end", () -> main.replay().cursor() == 60_380);
        assertThat(status()).startsWith("fault 60,380 of 60,380 · loaded 58,508, zeroed 1,872 · 241,520 KB"
                + " · Java Heap of " + JVM + ": 150,052 of 150,052 KB touched · now fault 60,380: ");
    }

    @Test
    void aFaultedHeapPageIsDrawnAsLoadedAndSelectedExactlyFromItsFault() throws Exception {
        openJvm17();
        selectJavaHeap();
        GuiActionRunner.execute(() -> main.action(WindowAction.TO_END).actionPerformed(null));
        waitFor("at the end", () -> main.replay().cursor() == 60_380);
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
    void typingASpaceInTheSearchFieldFiltersAndDoesNotPlay() {
        openJvm17();
        window.textBox("treeSearch").click().enterText("thread stack");
        JTree t = window.tree("captureTree").target();
        // Filtered: the matching NMT category is open on the screen (unfiltered, only the processes are).
        waitFor("filtered", () -> java.util.stream.IntStream.range(0, t.getRowCount())
                .anyMatch(r -> t.getPathForRow(r).getLastPathComponent().toString().startsWith("Thread Stack")));
        window.robot().waitForIdle();
        // The space went into the field: the replay never started.
        assertThat(GuiActionRunner.execute(() -> main.replay().isPlaying())).isFalse();
        assertThat(cursor()).isZero();
    }

    @Test
    void aBadDirectoryGivesADialogWithoutAStackTrace() throws Exception {
        openJvm17();
        Path empty = java.nio.file.Files.createTempDirectory("uffdvis-empty");
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(empty, CaptureLoader.Options.defaults())));
        window.optionPane(Timeout.timeout(10_000)).requireErrorMessage()
                .requireMessage(Pattern.compile(".*no mapping dump.*", Pattern.DOTALL))
                .okButton().click();
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — jvm17-default (composed restore order)");
        java.nio.file.Files.delete(empty);
    }

    @Test
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
        assertThat(status()).isEqualTo("fault 0 of 2 · loaded 0, zeroed 0 · 0 KB" + JVM_SELECTED);
        window.button("diagnosticsButton").requireVisible().requireText("\u26a0 1 line skipped");
    }

    @Test
    void darkThemeSwitchesThePaletteAndIsRemembered() {
        openJvm17();
        real.toggleDarkTheme();
        waitFor("dark palette", () -> main.grid().palette().isDark());
        assertThat(new AppPreferences(real.preferences()).darkTheme()).isTrue();
        real.toggleDarkTheme();
        waitFor("light palette", () -> !main.grid().palette().isDark());
    }

    @Test
    void keysAndTheWheelZoomAroundTheGrid() {
        openJvm17();
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
    void theViewExportsThePictureOfTheRenderCommandWithACaption() throws Exception {
        openJvm17();
        selectJavaHeap();
        GuiActionRunner.execute(() -> main.replay().seek(700));
        Path out = java.nio.file.Files.createTempDirectory("uffdvis-export").resolve("view.png");
        GuiActionRunner.execute(() -> main.exportTo(out));
        waitFor("written", () -> window.label("status").target().getText().equals("Wrote " + out));
        BufferedImage png = ImageIO.read(out.toFile());
        PageGrid grid = GuiActionRunner.execute(() -> main.grid());
        int scale = GuiActionRunner.execute(() -> ViewExport.scaleFor(grid, main.canvas().scale()));
        // Cells all over the grid, at the exported scale, in the colour the grid gives their class now.
        int selected = 0;
        for (int cell = 0; cell < grid.cellCount(); cell += 97) {
            int x = cell % grid.width() * scale + scale / 2;
            int y = cell / grid.width() * scale + scale / 2;
            int c = cell;
            byte cls = GuiActionRunner.execute(() -> grid.cellClass(c));
            assertThat(png.getRGB(x, y) & 0xffffff).as("cell %d", c).isEqualTo(rgb(cls));
            selected += cls == PageClass.SELECTED || cls == PageClass.LOADED_SELECTED ? 1 : 0;
        }
        assertThat(selected).as("sampled cells of the selected heap").isPositive();
        // Below the grid (and the legend), a white caption strip with dark text at its left.
        int top = png.getHeight() - GridSnapshot.CAPTION_HEIGHT;
        assertThat(top).isGreaterThanOrEqualTo(grid.rows() * scale);
        int ink = 0;
        for (int y = top; y < png.getHeight(); y++) {
            for (int x = 0; x < 300; x++) {
                ink += (png.getRGB(x, y) >> 16 & 0xff) < 96 ? 1 : 0;
            }
        }
        assertThat(ink).as("dark pixels of the caption's text").isGreaterThan(200);
        assertThat(GuiActionRunner.execute(() -> GridSnapshot.caption(main.session().title(), grid)))
                .isEqualTo("jvm17-default (composed restore order) · fault 700 of 60,380");
        java.nio.file.Files.delete(out);
        java.nio.file.Files.delete(out.getParent());
    }

    @Test
    void replayByTimestampOnTheBundledCapture() throws Exception {
        openJvm17();
        window.comboBox("replayMode").requireDisabled();     // uffd.log.gz has no times
        PageGrid before = GuiActionRunner.execute(() -> main.grid());
        GuiActionRunner.execute(() -> main.openBundled());
        waitFor("bundled capture loaded", () -> !main.isLoading() && main.grid() != before);
        assertThat(main.getTitle()).isEqualTo("UffdVisualizer — lab-jvm17-default (bundled sample)");
        window.comboBox("replayMode").requireEnabled().selectItem("by timestamp");
        window.comboBox("replaySpeed").selectItem("1/10 real time");
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("replaying by the log's times", () -> main.replay().cursor() > 100);
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("paused", () -> !main.replay().isPlaying());
        assertThat(window.label("traceTime").text()).matches("t = \\d+\\.\\d{3} ms");
        assertThat(status()).startsWith(String.format("fault %,d of %,d · ", cursor(), TestCaptures.LAB_DEMAND_FAULTS));
    }

    @Test
    void zoomToAJvmSpreadOverWholeRowsShowsItsDensestPartInCellsOfThreePixels() {
        openJvm17();
        tree().clickPath("20296 java");
        waitFor("process selected", () -> main.grid().selection().label().startsWith("20296"));
        GuiActionRunner.execute(() -> main.canvas().actualSize());     // start from somewhere else
        window.robot().click(main.canvas());
        window.robot().pressKey(KeyEvent.VK_CONTROL);
        window.robot().pressAndReleaseKey(KeyEvent.VK_2);
        window.robot().releaseKey(KeyEvent.VK_CONTROL);
        waitFor("zoomed to the selection", () -> main.canvas().scale() != 1);
        window.robot().waitForIdle();
        // The JVM's pages span whole rows of the grid: fitting them all would make cells below a pixel.
        assertThat(GuiActionRunner.execute(() -> main.canvas().scale())).isGreaterThanOrEqualTo(3);
        int selected = rgb(PageClass.SELECTED);
        Rectangle onScreen = GuiActionRunner.execute(() -> {
            Rectangle v = main.canvas().getVisibleRect();
            java.awt.Point o = main.canvas().getLocationOnScreen();
            return new Rectangle(o.x + v.x, o.y + v.y, v.width, v.height);
        });
        BufferedImage shot = real.screen.createScreenCapture(onScreen);
        int pixels = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                pixels += (shot.getRGB(x, y) & 0xffffff) == selected ? 1 : 0;
            }
        }
        assertThat(pixels).as("pixels of the JVM's pages on the screen, 9 or more a page").isGreaterThan(9 * 100);
    }
}
