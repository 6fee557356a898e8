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
 * fault and its page.
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
        MainWindow main = real.main;
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(TestCaptures.jvm17Dir(),
                CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null);
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
        Point ring = GuiActionRunner.execute(() -> {
            double[] c = FaultMarker.centre(main.grid(), at, new org.uffdvisualizer.render.RenderOptions(
                    main.canvas().scale(), 0, 0));
            Point origin = main.canvas().getLocationOnScreen();
            return new Point(origin.x + (int) Math.round(c[0] + FaultMarker.radius(main.canvas().scale())),
                    origin.y + (int) Math.floor(c[1]));
        });
        int rgb = real.screen.getPixelColor(ring.x, ring.y).getRGB() & 0xffffff;
        assertThat(((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)).as("ring pixel %06x", rgb).isLessThan(200);
        String status = real.window.label("status").text();
        assertThat(status).contains(String.format("now fault %,d: %#x", at + 1, t.physical(at)));
    }

    private static long frame(FaultTrace t, int i) {
        return t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
    }
}
