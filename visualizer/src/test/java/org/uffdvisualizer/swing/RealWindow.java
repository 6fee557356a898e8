package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.AWTException;
import java.awt.Dimension;
import java.awt.Robot;
import java.util.concurrent.Callable;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javax.swing.JTree;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JTreeFixture;
import org.assertj.swing.timing.Condition;
import org.assertj.swing.timing.Pause;
import org.assertj.swing.timing.Timeout;
import org.uffdvisualizer.parse.CaptureLoader;

/**
 * A {@link MainWindow} shown on the real display for the {@code gui} tests, with preferences of
 * its own (removed on {@link #close()}) and a robot to read the screen's pixels. While it is
 * open, touching a Swing component off the Event Dispatch Thread fails the test.
 */
final class RealWindow {
    final FrameFixture window;
    final MainWindow main;
    final Robot screen;
    private final String prefsNode;

    private RealWindow(FrameFixture window, MainWindow main, Robot screen, String prefsNode) {
        this.window = window;
        this.main = main;
        this.screen = screen;
        this.prefsNode = prefsNode;
    }

    /** Opens an empty window of {@code size}; {@code prefsName} keeps test runs' preferences apart. */
    static RealWindow open(String prefsName, Dimension size) throws AWTException {
        return open(prefsName, size, new WindowOptions(0, 0, 0, CaptureLoader.Options.defaults(), false, null));
    }

    /** Opens an empty window of {@code size} that starts with {@code options}. */
    static RealWindow open(String prefsName, Dimension size, WindowOptions options) throws AWTException {
        assertThat(java.awt.GraphicsEnvironment.isHeadless()).as("the gui profile needs a display; run it as"
                + " xvfb-run -a -s \"-screen 0 1600x1000x24\" mvn -B -ntp verify -Pgui").isFalse();
        // Fails the test if any Swing component is touched off the Event Dispatch Thread.
        org.assertj.swing.edt.FailOnThreadViolationRepaintManager.install();
        String node = "org/uffdvisualizer/" + prefsName + "-" + ProcessHandle.current().pid();
        AppPreferences prefs = new AppPreferences(Preferences.userRoot().node(node));
        MainWindow main = GuiActionRunner.execute(() -> {
            Theme.install(prefs);
            return new MainWindow(options, prefs);
        });
        FrameFixture window = new FrameFixture(main);
        window.show(size);
        return new RealWindow(window, main, new Robot(), node);
    }

    /** Waits up to 30 s until {@code test}, run on the Event Dispatch Thread, holds. */
    static void waitFor(String what, Callable<Boolean> test) {
        Pause.pause(new Condition(what) {
            @Override
            public boolean test() {
                return GuiActionRunner.execute(test);
            }
        }, Timeout.timeout(30_000));
    }

    /** The capture tree, its rows read as their labels. */
    JTreeFixture tree() {
        JTreeFixture t = window.tree("captureTree");
        t.replaceCellReader((JTree tree, Object value) -> String.valueOf(value));
        return t;
    }

    /** The window's own preferences node. */
    Preferences preferences() {
        return Preferences.userRoot().node(prefsNode);
    }

    /** The colour on the screen at the centre of the cell that holds {@code frame} (scrolled into view). */
    int screenColour(long frame) {
        window.robot().waitForIdle();
        java.awt.Point p = GuiActionRunner.execute(() -> {
            java.awt.Rectangle r = main.canvas().cellBounds(frame);
            main.canvas().scrollRectToVisible(r);
            java.awt.Point origin = main.canvas().getLocationOnScreen();
            return new java.awt.Point(origin.x + r.x + r.width / 2, origin.y + r.y + r.height / 2);
        });
        window.robot().waitForIdle();
        return screen.getPixelColor(p.x, p.y).getRGB() & 0xffffff;
    }

    /** Zooms view {@code v} in to 4 px per cell (linked views follow), shows {@code frame}, and reads its colour on screen. */
    int zoomedColour(CaptureView v, long frame) {
        GuiActionRunner.execute(() -> {
            while (v.canvas().scale() < 4) {
                v.canvas().zoomIn();
            }
            v.canvas().reveal(frame);
        });
        window.robot().waitForIdle();
        java.awt.Point p = GuiActionRunner.execute(() -> {
            java.awt.Rectangle r = v.canvas().cellBounds(frame);
            java.awt.Point origin = v.canvas().getLocationOnScreen();
            return new java.awt.Point(origin.x + r.x + r.width / 2, origin.y + r.y + r.height / 2);
        });
        return screen.getPixelColor(p.x, p.y).getRGB() & 0xffffff;
    }

    /** A screenshot of the whole window (the mouse on the menu bar), written to {@code out} and read back. */
    java.awt.image.BufferedImage shoot(java.nio.file.Path out) throws java.io.IOException {
        window.robot().moveMouse(main.getJMenuBar(), new java.awt.Point(700, 5));
        window.robot().waitForIdle();
        java.awt.Rectangle r = GuiActionRunner.execute(() -> new java.awt.Rectangle(main.getLocationOnScreen(), main.getSize()));
        org.uffdvisualizer.render.PngExport.write(screen.createScreenCapture(r), out);
        return javax.imageio.ImageIO.read(out.toFile());
    }

    /** Pixels of colour {@code rgb} in the part of {@code c} on screen, in the window's screenshot {@code shot}. */
    int count(java.awt.image.BufferedImage shot, javax.swing.JComponent c, int rgb) {
        java.awt.Rectangle area = GuiActionRunner.execute(() -> {
            java.awt.Rectangle v = c.getVisibleRect();
            java.awt.Point o = c.getLocationOnScreen();
            java.awt.Point w = main.getLocationOnScreen();
            return new java.awt.Rectangle(o.x - w.x + v.x, o.y - w.y + v.y, v.width, v.height);
        });
        int n = 0;
        for (int y = area.y; y < area.y + area.height; y++) {
            for (int x = area.x; x < area.x + area.width; x++) {
                n += (shot.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    /** Ctrl+Shift+D, the Dark Theme item's key (a key rather than the menu: menus pop up slowly on a busy machine). */
    void toggleDarkTheme() {
        window.robot().click(main.canvas());
        window.robot().pressKey(java.awt.event.KeyEvent.VK_CONTROL);
        window.robot().pressKey(java.awt.event.KeyEvent.VK_SHIFT);
        window.robot().pressAndReleaseKey(java.awt.event.KeyEvent.VK_D);
        window.robot().releaseKey(java.awt.event.KeyEvent.VK_SHIFT);
        window.robot().releaseKey(java.awt.event.KeyEvent.VK_CONTROL);
        window.robot().waitForIdle();
    }

    void close() throws BackingStoreException {
        window.cleanUp();
        Preferences.userRoot().node(prefsNode).removeNode();
        org.assertj.swing.edt.FailOnThreadViolationRepaintManager.uninstall();
    }
}
