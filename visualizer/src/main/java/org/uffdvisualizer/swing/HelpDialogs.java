package org.uffdvisualizer.swing;

import java.awt.Component;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.KeyStroke;
import org.uffdvisualizer.render.ColourGuide;
import org.uffdvisualizer.render.Palette;

/**
 * Help > Keyboard Shortcuts and Help > What the Colours Mean: both made from what the window
 * uses (the commands' keys, the palette's colours), so they cannot drift from it. No links:
 * the window never goes to the network. Event Dispatch Thread only.
 */
final class HelpDialogs {
    /** NMT category colours per row of the colours dialog. */
    private static final int NMT_COLUMNS = 3;

    private HelpDialogs() {
    }

    static void shortcuts(Component parent) {
        JOptionPane.showMessageDialog(parent, label("helpShortcuts", shortcutsHtml()), "Keyboard Shortcuts",
                JOptionPane.PLAIN_MESSAGE);
    }

    static void colours(Component parent, Palette palette) {
        JOptionPane.showMessageDialog(parent, label("helpColours", coloursHtml(palette)), "What the Colours Mean",
                JOptionPane.PLAIN_MESSAGE);
    }

    private static JLabel label(String name, String html) {
        JLabel l = new JLabel(html);
        l.setName(name);
        return l;
    }

    /** A table of every command with a key, and the keys the grid takes without a modifier. */
    static String shortcutsHtml() {
        StringBuilder b = new StringBuilder("<html><table cellpadding=2>");
        for (WindowAction a : WindowAction.values()) {
            if (a.keyStroke() != null) {
                row(b, a.label().replace("…", ""), keyText(a.keyStroke()));
            }
        }
        row(b, "Zoom in / out on the grid", "+ / − or the mouse wheel");
        row(b, "Scroll sideways", "Shift + mouse wheel");
        return b.append("</table></html>").toString();
    }

    /** The palette's colours with their names and meanings. */
    static String coloursHtml(Palette palette) {
        StringBuilder b = new StringBuilder("<html><p>Colours of the ").append(palette.name())
                .append(" palette; each cell is one page (or run of pages).</p><table cellpadding=2>");
        List<ColourGuide.Entry> nmt = new ArrayList<>();
        for (ColourGuide.Entry e : ColourGuide.of(palette)) {
            if (e.name().startsWith(ColourGuide.NMT_PREFIX)) {
                nmt.add(e);
                continue;
            }
            b.append(String.format("<tr><td bgcolor='#%06x' width=18>&nbsp;</td><td><b>%s</b></td><td>%s</td></tr>",
                    e.rgb(), esc(e.name()), esc(e.meaning())));
        }
        b.append("</table>");
        // The NMT categories share one meaning: their colours in columns, so that the dialog fits a screen.
        if (!nmt.isEmpty()) {
            b.append("<p>").append(esc(nmt.get(0).meaning())).append(":</p><table cellpadding=2>");
            for (int i = 0; i < nmt.size(); i++) {
                ColourGuide.Entry e = nmt.get(i);
                b.append(i % NMT_COLUMNS == 0 ? "<tr>" : "").append(String.format(
                        "<td bgcolor='#%06x' width=18>&nbsp;</td><td>%s</td>", e.rgb(), esc(e.name())));
                b.append(i % NMT_COLUMNS == NMT_COLUMNS - 1 || i == nmt.size() - 1 ? "</tr>" : "");
            }
            b.append("</table>");
        }
        return b.append("</html>").toString();
    }

    private static void row(StringBuilder b, String what, String key) {
        b.append("<tr><td>").append(esc(what)).append("</td><td><b>").append(esc(key)).append("</b></td></tr>");
    }

    static String keyText(KeyStroke k) {
        String mods = InputEvent.getModifiersExText(k.getModifiers());
        return (mods.isEmpty() ? "" : mods + "+") + KeyEvent.getKeyText(k.getKeyCode());
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
