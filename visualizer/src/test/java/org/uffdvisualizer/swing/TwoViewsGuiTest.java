package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.swing.JFrame;
import javax.swing.JSplitPane;
import org.assertj.swing.edt.FailOnThreadViolationRepaintManager;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JPanelFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.SelectionSpec;
import org.uffdvisualizer.render.TestCaptures;

/**
 * Two {@link CaptureView}s of two sessions side by side in one frame, on the real display: each
 * is loaded, driven by its own keys and replay bar, and shows its own cursor, selection, status
 * and pixels; nothing done to one changes the other.
 */
@Tag("gui")
class TwoViewsGuiTest {
    private static final CaptureSource JVM17 = CaptureSource.ofDirectory(TestCaptures.sampleDir("jvm17-default"),
            CaptureLoader.Options.defaults());
    private static final CaptureSource JVM25 = CaptureSource.ofDirectory(TestCaptures.sampleDir("jvm25-default"),
            CaptureLoader.Options.defaults());

    private FrameFixture window;
    private CaptureView left;
    private CaptureView right;

    @BeforeEach
    void openFrame() {
        FailOnThreadViolationRepaintManager.install();
        JFrame frame = GuiActionRunner.execute(() -> {
            JFrame f = new JFrame("two views");
            left = new CaptureView(Map.of(), 0);
            right = new CaptureView(Map.of(), 0);
            JSplitPane split = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, left, right);
            split.setResizeWeight(0.5);
            f.getContentPane().add(split);
            return f;
        });
        window = new FrameFixture(frame);
        window.show(new Dimension(1500, 900));
        GuiActionRunner.execute(() -> {
            left.load(JVM17, GridOptions.defaults(), CaptureReader.FILES);
            right.load(JVM25, GridOptions.defaults(), CaptureReader.FILES);
        });
        waitFor("both loaded", () -> left.session() != null && right.session() != null && !left.isLoading()
                && !right.isLoading());
        window.robot().waitForIdle();
    }

    @AfterEach
    void close() {
        window.cleanUp();
        FailOnThreadViolationRepaintManager.uninstall();
    }

    private static void waitFor(String what, Callable<Boolean> test) {
        RealWindow.waitFor(what, test);
    }

    private static int cursor(CaptureView v) {
        return GuiActionRunner.execute(() -> v.session().replay().cursor());
    }

    private static int faults(CaptureView v) {
        return GuiActionRunner.execute(() -> v.session().replay().faultCount());
    }

    private static String status(CaptureView v) {
        return GuiActionRunner.execute(() -> v.statusBar().status());
    }

    /** The first frame that the fault {@code i} or a later one faults first, at or after fault {@code from}. */
    private static int firstFaultedFrameFrom(CaptureView v, int from) {
        return GuiActionRunner.execute(() -> {
            FaultTrace t = v.session().grid().capture().trace();
            for (int i = from; i < t.faultCount(); i++) {
                int f = (int) (t.physical(i) >>> PhysicalLayout.PAGE_SHIFT);
                if (t.firstFaultOf(f) == i && v.session().grid().capture().mappings().pageIndex(f) >= 0) {
                    return f;
                }
            }
            throw new AssertionError("no first fault after " + from);
        });
    }

    /** The colour on the screen at the centre of the cell of {@code frame} in view {@code v}. */
    private int screenColour(CaptureView v, int frame) throws Exception {
        window.robot().waitForIdle();
        Point p = GuiActionRunner.execute(() -> {
            Rectangle r = v.canvas().cellBounds(frame);
            Point origin = v.canvas().getLocationOnScreen();
            return new Point(origin.x + r.x + r.width / 2, origin.y + r.y + r.height / 2);
        });
        return new java.awt.Robot().getPixelColor(p.x, p.y).getRGB() & 0xffffff;
    }

    private static int rgb(CaptureView v, byte cls) {
        return GuiActionRunner.execute(() -> v.session().grid().palette().rgb(cls));
    }

    @Test
    void twoViewsInOneFrameAreDrivenIndependently() throws Exception {
        assertThat(GuiActionRunner.execute(() -> left.session().title())).isEqualTo("jvm17-default (composed restore order)");
        assertThat(GuiActionRunner.execute(() -> right.session().title())).isEqualTo("jvm25-default (composed restore order)");
        assertThat(left.session()).isNotSameAs(right.session());

        // End on the left grid: the left replay goes to its end, the right one stays at the start.
        window.robot().click(left.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_END);
        waitFor("left at its end", () -> left.session().replay().cursor() == left.session().replay().faultCount());
        assertThat(cursor(right)).isZero();
        assertThat(status(left)).startsWith(String.format("fault %,d of %,d · ", faults(left), faults(left)));
        assertThat(status(right)).startsWith(String.format("fault 0 of %,d · ", faults(right)));

        // The right view's own slider moves only the right replay.
        new JPanelFixture(window.robot(), right).slider("timeline").slideTo(500);
        waitFor("right at 500", () -> right.session().replay().cursor() == 500);
        assertThat(cursor(left)).isEqualTo(faults(left));

        // What each grid shows on screen follows its own cursor.
        int leftFrame = firstFaultedFrameFrom(left, 1000);
        int rightLoaded = firstFaultedFrameFrom(right, 0);
        int rightNotYet = firstFaultedFrameFrom(right, 1000);
        assertThat(screenColour(left, leftFrame)).isEqualTo(rgb(left, PageClass.LOADED));
        assertThat(screenColour(right, rightLoaded)).isEqualTo(rgb(right, PageClass.LOADED));
        assertThat(screenColour(right, rightNotYet)).isNotEqualTo(rgb(right, PageClass.LOADED));

        // A selection in the right session leaves the left one alone.
        GuiActionRunner.execute(() -> right.session().select(SelectionSpec.resolve(right.session().grid().capture(), "0")));
        assertThat(GuiActionRunner.execute(() -> left.session().selection().isEmpty())).isTrue();
        assertThat(status(right)).contains(" · kernel: ");
        assertThat(status(left)).doesNotContain("kernel");

        // Space on the right grid plays the right replay only, at the speed chosen in the right replay bar
        // (slow enough that it is still playing when the test looks).
        new JPanelFixture(window.robot(), right).comboBox("replaySpeed").selectItem("100 faults/s");
        window.robot().click(right.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("right playing", () -> right.session().replay().isPlaying() && right.session().replay().cursor() > 500);
        assertThat(GuiActionRunner.execute(() -> left.session().replay().isPlaying())).isFalse();
        window.robot().pressAndReleaseKey(KeyEvent.VK_SPACE);
        waitFor("right paused", () -> !right.session().replay().isPlaying());
        assertThat(cursor(left)).isEqualTo(faults(left));
    }
}
