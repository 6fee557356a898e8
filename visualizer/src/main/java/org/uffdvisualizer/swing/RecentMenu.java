package org.uffdvisualizer.swing;

import java.util.function.Consumer;
import javax.swing.JMenu;
import javax.swing.JMenuItem;
import org.uffdvisualizer.parse.CaptureLoader;

/** File > Open Recent: the captures the preferences remember, newest first. Event Dispatch Thread only. */
final class RecentMenu extends JMenu {
    private static final long serialVersionUID = 1L;

    private final transient AppPreferences prefs;
    private final transient CaptureLoader.Options loader;
    private final transient Consumer<CaptureSource> open;

    RecentMenu(AppPreferences prefs, CaptureLoader.Options loader, Consumer<CaptureSource> open) {
        super("Open Recent");
        this.prefs = prefs;
        this.loader = loader;
        this.open = open;
        refresh();
    }

    /** Remembers {@code source} (first in the list) and shows the list again. */
    void add(CaptureSource source) {
        prefs.addRecent(source.encode());
        refresh();
    }

    private void refresh() {
        removeAll();
        for (String line : prefs.recent()) {
            CaptureSource s = CaptureSource.decode(line, loader);
            if (s != null) {
                JMenuItem item = new JMenuItem(s.directory() != null ? s.directory().toString() : s.files().mappings().toString());
                item.addActionListener(e -> open.accept(s));
                add(item);
            }
        }
        setEnabled(getItemCount() > 0);
    }
}
