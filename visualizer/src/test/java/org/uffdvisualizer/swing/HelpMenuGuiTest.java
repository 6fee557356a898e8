package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import javax.swing.JLabel;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.JOptionPaneFixture;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;

/** Help > Keyboard Shortcuts and Help > What the Colours Mean, opened from the real menu. */
@Tag("gui")
class HelpMenuGuiTest {
    private RealWindow real;

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    @Test
    void helpListsTheKeysAndTheColoursOfThePaletteInUse() throws Exception {
        real = RealWindow.open("help", new Dimension(1200, 800));
        real.window.menuItemWithPath("Help", WindowAction.SHORTCUTS.label()).click();
        JOptionPaneFixture shortcuts = real.window.optionPane(Timeout.timeout(10_000)).requireTitle("Keyboard Shortcuts");
        String keys = GuiActionRunner.execute(() -> ((JLabel) real.window.robot().finder()
                .findByName(shortcuts.target(), "helpShortcuts", true)).getText());
        assertThat(keys).contains("Zoom to Selection", "Step Forward");
        shortcuts.okButton().click();

        real.window.menuItemWithPath("Help", WindowAction.COLOURS.label()).click();
        JOptionPaneFixture colours = real.window.optionPane(Timeout.timeout(10_000)).requireTitle("What the Colours Mean");
        String text = GuiActionRunner.execute(() -> ((JLabel) real.window.robot().finder()
                .findByName(colours.target(), "helpColours", true)).getText());
        assertThat(text).contains(String.format("#%06x", Palette.LIGHT.rgb(PageClass.LOADED)), "Loaded by uffd");
        colours.okButton().click();
    }
}
