package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import javax.swing.JToolTip;
import org.assertj.swing.core.GenericTypeMatcher;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.render.CellTooltip;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PngExport;

/**
 * The screenshots of docs/user-guide.md, taken from the real window on the bundled capture.
 * Written to target/screenshots, or to {@code -Dscreenshots.dir=...}: regenerate the guide's with
 * {@code xvfb-run -a -s "-screen 0 1600x1000x24" mvn -B -ntp verify -Pgui -Dtest=UserGuideScreenshotsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir=$PWD/docs/images}. Each test opens its
 * own window, sets up the scene, and checks in the written PNG, by pixel, what the guide says the
 * picture shows.
 */
@Tag("gui")
class UserGuideScreenshotsTest {
    private RealWindow real;
    private FrameFixture window;
    private MainWindow main;
    private Path dir;

    @BeforeEach
    void openWindow() throws Exception {
        dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        real = RealWindow.open("shots", new Dimension(1440, 900));
        window = real.window;
        main = real.main;
        GuiActionRunner.execute(() -> main.openBundled());
        waitFor("bundled capture loaded", () -> !main.isLoading() && main.grid() != null);
        window.robot().waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private static void waitFor(String what, Callable<Boolean> test) {
        RealWindow.waitFor(what, test);
    }

    /** Writes a screenshot of the whole window and reads the file back, so the checks see what was written. */
    private Shot shoot(String name) throws Exception {
        window.robot().waitForIdle();
        Rectangle r = GuiActionRunner.execute(() -> new Rectangle(main.getLocationOnScreen(), main.getSize()));
        Path out = dir.resolve(name);
        PngExport.write(real.screen.createScreenCapture(r), out);
        return new Shot(ImageIO.read(out.toFile()), r.getLocation());
    }

    /** A written screenshot and where its top-left corner was on the screen. */
    private record Shot(BufferedImage image, Point origin) {
        int at(Point onScreen) {
            return image.getRGB(onScreen.x - origin.x, onScreen.y - origin.y) & 0xffffff;
        }
    }

    /** The centre of {@code frame}'s cell on the screen. */
    private Point cellOnScreen(long frame) {
        return GuiActionRunner.execute(() -> {
            Rectangle c = main.canvas().cellBounds(frame);
            Point origin = main.canvas().getLocationOnScreen();
            return new Point(origin.x + c.x + c.width / 2, origin.y + c.y + c.height / 2);
        });
    }

    /**
     * Pixels of colour {@code rgb} in the visible part of the grid in the screenshot. Zoomed out,
     * a pixel shows the most notable of the cells under it, so the picture is checked by what it
     * shows, not cell by cell.
     */
    private int count(Shot shot, int rgb) {
        Rectangle grid = GuiActionRunner.execute(() -> {
            Rectangle v = main.canvas().getVisibleRect();
            Point o = main.canvas().getLocationOnScreen();
            return new Rectangle(o.x + v.x, o.y + v.y, v.width, v.height);
        });
        int n = 0;
        for (int y = grid.y; y < grid.y + grid.height; y++) {
            for (int x = grid.x; x < grid.x + grid.width; x++) {
                n += shot.at(new Point(x, y)) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private int rgb(byte pageClass) {
        return GuiActionRunner.execute(() -> main.grid().nmtCategories().classRgb(main.grid().palette(), pageClass));
    }

    private JTreeFixture tree() {
        return real.tree();
    }

    @Test
    void firstSightTheJvmSelectedAndFitted() throws Exception {
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        Shot shot = shoot("window-first-sight.png");
        // Just opened: the workload JVM selected (dark cells), the whole guest fitted to the view.
        assertThat(GuiActionRunner.execute(() -> main.grid().selection().label())).startsWith("146 ");
        assertThat(GuiActionRunner.execute(() -> main.canvas().isFitting())).isTrue();
        assertThat(count(shot, rgb(PageClass.SELECTED))).as("pixels of the JVM").isGreaterThan(1000);
    }

    @Test
    void compactViewOfTheJvm() throws Exception {
        window.toggleButton("toolbar." + WindowAction.COMPACT_VIEW.name()).click();
        waitFor("compact view on", () -> main.canvas().compactRows() != null);
        window.spinner("goToFault").enterTextAndCommit("5000");
        waitFor("at fault 5,000", () -> main.replay().cursor() == 5_000);
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        Shot shot = shoot("window-compact.png");
        // Only the JVM's rows, packed: far more of its pixels than in the fitted whole guest, and the gutter beside them.
        assertThat(GuiActionRunner.execute(() -> main.canvas().compactRows().displayRows()))
                .isLessThan(GuiActionRunner.execute(() -> main.grid().rows()));
        assertThat(count(shot, rgb(PageClass.SELECTED)) + count(shot, rgb(PageClass.LOADED_SELECTED)))
                .as("pixels of the JVM").isGreaterThan(5000);
        assertThat(GuiActionRunner.execute(() -> window.scrollPane("gridScroll").target().getRowHeader().getView()
                .isShowing())).isTrue();
    }

    @Test
    void heapSelectedHalfwayThroughTheRestore() throws Exception {
        tree().expandPath("146 java").expandPath("146 java/NMT (nmt.txt.gz)")
                .clickPath("146 java/NMT (nmt.txt.gz)/Java Heap");
        waitFor("heap selected", () -> main.grid().selection().label().startsWith("Java Heap"));
        window.spinner("goToFault").enterTextAndCommit("5000");
        waitFor("at fault 5,000", () -> main.replay().cursor() == 5_000);
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        Shot shot = shoot("window-heap-replay.png");
        // The heap pages the restore has loaded so far, and those still to come, in their colours.
        assertThat(count(shot, rgb(PageClass.LOADED_SELECTED))).as("loaded heap pixels").isGreaterThan(100);
        assertThat(count(shot, rgb(PageClass.SELECTED))).as("heap pixels still to come").isGreaterThan(100);
        assertThat(GuiActionRunner.execute(() -> main.view().statusBar().status())).startsWith("fault 5,000 of ")
                .contains("Java Heap of 146");
    }

    @Test
    void zoomedInWithATooltip() throws Exception {
        window.spinner("goToFault").enterTextAndCommit("5000");
        waitFor("at fault 5,000", () -> main.replay().cursor() == 5_000);
        Capture c = main.grid().capture();
        int frame = (int) (c.trace().physical(4_990) >>> PhysicalLayout.PAGE_SHIFT);
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
        GenericTypeMatcher<JToolTip> showingTip = new GenericTypeMatcher<>(JToolTip.class, true) {
            @Override
            protected boolean isMatching(JToolTip t) {
                return true;
            }
        };
        Pause.pause(new Condition("the tooltip shows") {
            @Override
            public boolean test() {
                return !window.robot().finder().findAll(showingTip).isEmpty();
            }
        }, Timeout.timeout(5_000));
        JToolTip tip = window.robot().finder().find(showingTip);
        assertThat(GuiActionRunner.execute(tip::getTipText)).isEqualTo(GuiActionRunner.execute(
                () -> CellTooltip.html(main.grid(), frame)));
        Rectangle tipOnScreen = GuiActionRunner.execute(() -> new Rectangle(tip.getLocationOnScreen(), tip.getSize()));
        int tipBackground = GuiActionRunner.execute(() -> tip.getBackground().getRGB() & 0xffffff);
        Shot shot = shoot("window-zoomed-tooltip.png");
        // The zoomed-in cell under the mouse (faulted by now; of the JVM selected at open, or not), and the tooltip.
        assertThat(shot.at(cellOnScreen(frame))).isIn(rgb(PageClass.LOADED), rgb(PageClass.LOADED_SELECTED),
                rgb(PageClass.ZEROED), rgb(PageClass.FAULTED_UNOWNED));
        assertThat(GuiActionRunner.execute(() -> main.canvas().scale())).as("zoomed in").isGreaterThanOrEqualTo(2);
        assertThat(shot.at(new Point(tipOnScreen.x + tipOnScreen.width - 4, tipOnScreen.y + tipOnScreen.height - 4)))
                .isEqualTo(tipBackground);
    }

    @Test
    void processZoomedToItsPagesAtTheEnd() throws Exception {
        tree().clickPath("146 java");
        waitFor("process selected", () -> main.grid().selection().label().startsWith("146"));
        GuiActionRunner.execute(() -> {
            main.action(WindowAction.TO_END).actionPerformed(null);
            main.action(WindowAction.ZOOM_SELECTION).actionPerformed(null);
        });
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        Shot shot = shoot("window-process-end.png");
        // At the end: the process's pages the restore loaded, and those it never touched.
        assertThat(count(shot, rgb(PageClass.LOADED_SELECTED))).as("loaded pixels of the process").isGreaterThan(100);
        assertThat(count(shot, rgb(PageClass.SELECTED))).as("untouched pixels of the process").isGreaterThan(100);
        assertThat(GuiActionRunner.execute(() -> main.view().statusBar().status())).startsWith(String.format("fault %,d of %,d · ",
                GuiActionRunner.execute(() -> main.replay().faultCount()),
                GuiActionRunner.execute(() -> main.replay().faultCount())));
    }

    @Test
    void darkThemeWithNmtOverlay() throws Exception {
        // Nothing selected (a capture opens with its JVM selected, which would draw over the NMT colours).
        GuiActionRunner.execute(() -> main.action(WindowAction.CLEAR_SELECTION).actionPerformed(null));
        window.checkBox("overlay.nmt").click();
        real.toggleDarkTheme();
        waitFor("dark", () -> main.grid().palette().isDark());
        GuiActionRunner.execute(() -> main.canvas().fit());
        window.robot().moveMouse(main.getJMenuBar(), new Point(700, 5));
        window.textBox("treeSearch").click().enterText("metaspace");
        javax.swing.JTree t = window.tree("captureTree").target();
        waitFor("tree filtered", () -> t.getRowCount() > 0 && t.getRowCount() < 30);
        // The JVM's heap, not faulted yet (the replay is at its start), in the NMT category's dark colour.
        int heapClass = GuiActionRunner.execute(() -> PageClass.NMT_FIRST + main.grid().nmtCategories().names()
                .indexOf("Java Heap"));
        Shot shot = shoot("window-dark-nmt.png");
        assertThat(count(shot, rgb((byte) heapClass))).as("pixels of the Java Heap NMT colour").isGreaterThan(100);
        // The frame is dark: the tree's background at its bottom-left is the dark theme's.
        Point treeCorner = GuiActionRunner.execute(() -> {
            Point o = t.getLocationOnScreen();
            Rectangle v = t.getVisibleRect();
            return new Point(o.x + v.x + 4, o.y + v.y + v.height - 4);
        });
        int bg = shot.at(treeCorner);
        assertThat((bg >> 16 & 0xff) + (bg >> 8 & 0xff) + (bg & 0xff)).as("dark tree background").isLessThan(3 * 90);
    }
}
