package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Pause;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.render.PngExport;

/**
 * The screenshots of docs/user-guide.md, taken from the real window on the bundled capture.
 * Written to target/screenshots, or to {@code -Dscreenshots.dir=...}: regenerate the guide's with
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -ntp verify -Pgui -Dtest=UserGuideScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir=$PWD/docs/images}.
 */
@Tag("gui")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UserGuideScreenshotsTest {
    private static RealWindow real;
    private static FrameFixture window;
    private static MainWindow main;
    private static java.awt.Robot screen;
    private static Path dir;

    @BeforeAll
    static void openWindow() throws Exception {
        dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        real = RealWindow.open("shots", new Dimension(1440, 900));
        window = real.window;
        main = real.main;
        screen = real.screen;
        GuiActionRunner.execute(() -> main.openBundled());
        waitFor("bundled capture loaded", () -> !main.isLoading() && main.grid() != null);
    }

    @AfterAll
    static void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private static void waitFor(String what, Callable<Boolean> test) {
        RealWindow.waitFor(what, test);
    }

    private static Path shoot(String name) throws Exception {
        window.robot().waitForIdle();
        Pause.pause(300);
        Rectangle r = GuiActionRunner.execute(() -> new Rectangle(main.getLocationOnScreen(), main.getSize()));
        BufferedImage img = screen.createScreenCapture(r);
        Path out = dir.resolve(name);
        PngExport.write(img, out);
        return out;
    }

    private static JTreeFixture tree() {
        return real.tree();
    }

    @Test
    @Order(1)
    void heapSelectedHalfwayThroughTheRestore() throws Exception {
        tree().expandPath("20296 java").expandPath("20296 java/NMT (nmt.txt.gz)")
                .clickPath("20296 java/NMT (nmt.txt.gz)/Java Heap");
        waitFor("heap selected", () -> main.grid().selection().label().startsWith("Java Heap"));
        window.spinner("goToFault").enterTextAndCommit("30000");
        waitFor("at fault 30,000", () -> main.replay().cursor() == 30_000);
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        assertThat(Files.size(shoot("window-heap-replay.png"))).isPositive();
    }

    @Test
    @Order(2)
    void zoomedInWithATooltip() throws Exception {
        Capture c = main.grid().capture();
        int frame = (int) (c.trace().physical(29_990) >>> PhysicalLayout.PAGE_SHIFT);
        GuiActionRunner.execute(() -> {
            for (int i = 0; i < 6; i++) {
                main.canvas().zoomIn();
            }
            main.canvas().reveal(frame);
        });
        window.robot().waitForIdle();
        Point p = GuiActionRunner.execute(() -> {
            Rectangle r = main.canvas().cellBounds(frame);
            return new Point(r.x + r.width / 2, r.y + r.height / 2);
        });
        window.robot().moveMouse(main.canvas(), p);
        Pause.pause(2000);
        assertThat(Files.size(shoot("window-zoomed-tooltip.png"))).isPositive();
        window.robot().moveMouse(main.canvas(), new Point(p.x + 300, p.y + 300));
    }

    @Test
    @Order(3)
    void processZoomedToItsPagesAtTheEnd() throws Exception {
        tree().clickPath("20296 java");
        waitFor("process selected", () -> main.grid().selection().label().startsWith("20296"));
        GuiActionRunner.execute(() -> {
            main.action(WindowAction.TO_END).actionPerformed(null);
            main.action(WindowAction.ZOOM_SELECTION).actionPerformed(null);
        });
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        assertThat(Files.size(shoot("window-process-end.png"))).isPositive();
    }

    @Test
    @Order(4)
    void darkThemeWithNmtOverlay() throws Exception {
        window.checkBox("overlay.nmt").click();
        real.toggleDarkTheme();
        waitFor("dark", () -> main.grid().palette().isDark());
        GuiActionRunner.execute(() -> main.action(WindowAction.CLEAR_SELECTION).actionPerformed(null));
        GuiActionRunner.execute(() -> main.canvas().fit());
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(java.awt.event.KeyEvent.VK_HOME);
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        window.textBox("treeSearch").click().enterText("metaspace");
        Pause.pause(500);
        assertThat(Files.size(shoot("window-dark-nmt.png"))).isPositive();
        window.textBox("treeSearch").deleteText();
        real.toggleDarkTheme();
        window.checkBox("overlay.nmt").click();
    }
}
