package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.event.KeyEvent;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The real window started as with {@code -DuffdVisualizer.pageSize=2097152}: one cell per 2 MiB
 * on the screen, recoloured by the replay at the fault that first touches one of its pages.
 */
@Tag("gui")
class LargerCellsGuiTest {
    private static RealWindow real;
    private static FrameFixture window;
    private static MainWindow main;

    @BeforeAll
    static void openWindow() throws Exception {
        real = RealWindow.open("cells-test", new Dimension(1300, 850),
                new WindowOptions(0, 0, 0, CaptureLoader.Options.defaults(), false, null, 512));
        window = real.window;
        main = real.main;
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(TestCaptures.sampleDir("jvm25-default"),
                CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !main.isLoading() && main.grid() != null);
        window.robot().waitForIdle();
    }

    @AfterAll
    static void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private static int screenColour(long frame) {
        return real.screenColour(frame);
    }

    @Test
    void aCellOf2MiBTurnsLoadedAtTheFirstFaultInsideIt() {
        int cells = GuiActionRunner.execute(() -> main.grid().cellCount());
        long frames = GuiActionRunner.execute(() -> (long) main.grid().frameCount());
        assertThat(cells).isEqualTo((int) ((frames + 511) / 512));
        assertThat(window.label("zoom").text()).contains("2 MiB");
        // The first fault that loads a page into a 2 MiB cell no earlier fault touched.
        int[] found = GuiActionRunner.execute(() -> {
            FaultTrace t = main.grid().capture().trace();
            java.util.Set<Long> touched = new java.util.HashSet<>();
            for (int i = 0; i < t.faultCount(); i++) {
                long cell = (t.physical(i) >>> PhysicalLayout.PAGE_SHIFT) / 512;
                if (i > 0 && !t.isZeroed(i) && touched.add(cell)) {
                    return new int[] {i, (int) (t.physical(i) >>> PhysicalLayout.PAGE_SHIFT)};
                }
                touched.add(cell);
            }
            return null;
        });
        assertThat(found).isNotNull();
        int fault = found[0];
        int frame = found[1];
        int loaded = GuiActionRunner.execute(() -> main.grid().palette().rgb(PageClass.LOADED));
        window.spinner("goToFault").enterTextAndCommit(String.valueOf(fault));
        RealWindow.waitFor("at the fault", () -> main.replay().cursor() == fault);
        assertThat(screenColour(frame)).isNotEqualTo(loaded);
        window.robot().click(main.canvas());
        window.robot().pressAndReleaseKey(KeyEvent.VK_RIGHT);
        RealWindow.waitFor("one fault on", () -> main.replay().cursor() == fault + 1);
        assertThat(screenColour(frame)).isEqualTo(loaded);
        window.robot().pressAndReleaseKey(KeyEvent.VK_LEFT);
        RealWindow.waitFor("one fault back", () -> main.replay().cursor() == fault);
        assertThat(screenColour(frame)).isNotEqualTo(loaded);
    }

    @Test
    void theTooltipNamesTheCellsRange() {
        long frame = 513;
        String tip = GuiActionRunner.execute(() -> {
            Rectangle r = main.canvas().cellBounds(frame);
            java.awt.event.MouseEvent e = new java.awt.event.MouseEvent(main.canvas(), java.awt.event.MouseEvent.MOUSE_MOVED,
                    0, 0, r.x + r.width / 2, r.y + r.height / 2, 0, false);
            return main.canvas().getToolTipText(e);
        });
        assertThat(tip).contains("2 MiB cell: physical 0x200000-0x3fffff  PFN 0x200-0x3ff", "pages owned");
    }
}
