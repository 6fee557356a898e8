package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uffdvisualizer.render.NmtColours;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;

/** Help's two tables, made from the commands' keys and the palette's colours. */
class HelpDialogsTest {

    @Test
    void theShortcutsAreTheCommandsKeys() {
        String html = HelpDialogs.shortcutsHtml();
        assertThat(html).contains("<td>Fit to Window</td><td><b>Ctrl+0</b>", "<td>Play / Pause</td><td><b>Space</b>",
                "<td>Go to Fault</td><td><b>Ctrl+G</b>", "<td>Reload</td><td><b>F5</b>", "Shift + mouse wheel");
    }

    @Test
    void everyColourOfThePaletteIsExplained() {
        for (Palette p : Palette.all()) {
            String html = HelpDialogs.coloursHtml(p);
            for (int c = PageClass.HOLE; c <= PageClass.FAULTED_UNOWNED; c++) {
                assertThat(html).as("%s class %d", p, c).contains(String.format("bgcolor='#%06x'", p.rgb(c)));
            }
            assertThat(html).contains("Loaded by uffd", "Faulted, no owner", p.name());
            // Every NMT category of the table, by name, in its one colour.
            NmtColours.TABLE.forEach((name, rgb) -> assertThat(html).contains("NMT " + name)
                    .contains(String.format("bgcolor='#%06x'", rgb)));
        }
    }
}
