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
