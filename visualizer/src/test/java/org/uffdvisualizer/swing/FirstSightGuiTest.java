package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import javax.swing.tree.TreePath;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * What a capture looks like when it has just opened in the real window: its JVM selected and
 * its pages on the screen with the whole grid fitted to the view, fitted again when the window
 * changes size, and nothing selected when the user turned that off.
 */
@Tag("gui")
class FirstSightGuiTest {

    private RealWindow real;

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    /** sample-data/jvm17-default as a directory: with uffd-extended.log.gz, the log with timestamps (47,242 faults). */
    private void openJvm17() {
        PageGrid before = GuiActionRunner.execute(() -> real.main.grid());
        GuiActionRunner.execute(() -> real.main.open(CaptureSource.ofDirectory(TestCaptures.jvm17Dir(),
                CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !real.main.isLoading() && real.main.grid() != before);
        real.window.robot().waitForIdle();
    }

    /** Whether the whole grid is inside the scroll pane's visible area (nothing cut off, no scroll bar needed). */
    private boolean wholeGridVisible() {
        return GuiActionRunner.execute(() -> {
            PageGridCanvas c = real.main.canvas();
            Rectangle visible = c.getVisibleRect();
            return c.getWidth() > 0 && visible.width == c.getWidth() && visible.height == c.getHeight();
        });
    }

    @Test
    void aCaptureOpensWithItsJvmSelectedAndItsPagesOnTheScreen() {
        real = open();
        openJvm17();
        RealWindow.waitFor("the JVM selected", () -> !real.main.grid().selection().isEmpty());
        TreePath selected = GuiActionRunner.execute(() -> real.tree().target().getSelectionPath());
        assertThat(selected.getLastPathComponent()).hasToString(TestCaptures.JVM17_PID + " java");
        assertThat(GuiActionRunner.execute(() -> real.main.view().statusBar().status())).isEqualTo(
                "fault 0 of 47,242 · loaded 0, zeroed 0 · 0 KB · "
                + TestCaptures.JVM17_PID + " /usr/lib/jvm/java-17-openjdk-amd64/bin/java: 0 of 201,564 KB touched");
        assertThat(GuiActionRunner.execute(() -> real.main.canvas().isFitting())).isTrue();
        assertThat(wholeGridVisible()).isTrue();

        int selectedRgb = GuiActionRunner.execute(() -> real.main.grid().palette().rgb(PageClass.SELECTED));
        Rectangle onScreen = GuiActionRunner.execute(() -> {
            PageGridCanvas c = real.main.canvas();
            return new Rectangle(c.getLocationOnScreen(), c.getSize());
        });
        BufferedImage shot = real.screen.createScreenCapture(onScreen);
        int selectedPixels = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                if ((shot.getRGB(x, y) & 0xffffff) == selectedRgb) {
                    selectedPixels++;
                }
            }
        }
        // The JVM's 50,392 pages, at about 1 px per 16 pages of the 24 GiB guest: hundreds of pixels at least.
        assertThat(selectedPixels).isGreaterThan(500);
    }

    @Test
    void turnedOffInTheViewMenuACaptureOpensWithNothingSelected() {
        real = open();
        var item = real.window.menuItemWithPath("View", WindowAction.SELECT_JVM_ON_OPEN.label());
        assertThat(GuiActionRunner.execute(() -> item.target().isSelected())).isTrue();
        item.click();
        RealWindow.waitFor("preference stored", () -> !real.preferences().getBoolean("selectJvmOnOpen", true));
        openJvm17();
        assertThat(GuiActionRunner.execute(() -> real.main.grid().selection().isEmpty())).isTrue();
        assertThat(real.window.label("status").text()).isEqualTo("fault 0 of 47,242 · loaded 0, zeroed 0 · 0 KB");
    }

    @Test
    void theFittedGridIsFittedAgainWhenTheWindowChangesSize() {
        real = open();
        openJvm17();
        double large = GuiActionRunner.execute(() -> real.main.canvas().scale());
        real.window.resizeTo(new Dimension(1000, 700));
        RealWindow.waitFor("fitted to the smaller view", () -> real.main.canvas().scale() < large);
        real.window.robot().waitForIdle();
        assertThat(wholeGridVisible()).isTrue();
        double small = GuiActionRunner.execute(() -> real.main.canvas().scale());
        real.window.resizeTo(new Dimension(1500, 950));
        RealWindow.waitFor("fitted to the larger view again", () -> real.main.canvas().scale() > small);
        real.window.robot().waitForIdle();
        assertThat(wholeGridVisible()).isTrue();

        // Another zoom leaves fit mode: the scale then stays when the window changes size.
        GuiActionRunner.execute(() -> real.main.canvas().zoomIn());
        double zoomed = GuiActionRunner.execute(() -> real.main.canvas().scale());
        real.window.resizeTo(new Dimension(1000, 700));
        real.window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(() -> real.main.canvas().scale())).isEqualTo(zoomed);
    }

    private static RealWindow open() {
        try {
            return RealWindow.open("firstSight", new Dimension(1500, 950));
        } catch (java.awt.AWTException e) {
            throw new IllegalStateException(e);
        }
    }
}
