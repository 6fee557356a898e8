package org.uffdvisualizer.swing;

import java.util.Map;
import java.util.function.Function;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.JButton;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import org.uffdvisualizer.render.Overlay;

/**
 * The window's menu bar and toolbar, built from the shared actions (so a menu item, a toolbar
 * button and a key show one enabled and selected state). Event Dispatch Thread only.
 */
final class WindowMenus {

    private WindowMenus() {
    }

    /** The menu bar; {@code recent} is the File > Open Recent submenu, filled by the window. */
    static JMenuBar menuBar(Function<WindowAction, Action> actions, Map<Overlay, Action> overlays, JMenu recent) {
        JMenuBar bar = new JMenuBar();
        JMenu file = menu("File", 'F');
        items(file, actions, WindowAction.OPEN_DIRECTORY, WindowAction.OPEN_FILES, WindowAction.OPEN_BUNDLED,
                WindowAction.COMPARE_WITH, WindowAction.COMPARE_RESTORES);
        recent.setName("recentMenu");
        file.add(recent);
        items(file, actions, WindowAction.RELOAD, null, WindowAction.EXPORT_PNG, WindowAction.EXPORT_WORKING_SET,
                null, WindowAction.QUIT);
        bar.add(file);

        JMenu view = menu("View", 'V');
        items(view, actions, WindowAction.ZOOM_IN, WindowAction.ZOOM_OUT, WindowAction.ZOOM_FIT, WindowAction.ZOOM_ACTUAL,
                WindowAction.ZOOM_SELECTION, null);
        JMenu overlayMenu = new JMenu("Overlays");
        for (Overlay o : Overlay.values()) {
            overlayMenu.add(new JCheckBoxMenuItem(overlays.get(o)));
        }
        view.add(overlayMenu);
        for (WindowAction toggle : new WindowAction[] {WindowAction.COMPACT_VIEW, WindowAction.COLOR_BLIND,
            WindowAction.DARK_THEME, WindowAction.SELECT_JVM_ON_OPEN, WindowAction.SHOW_DIAGNOSTICS}) {
            view.add(new JCheckBoxMenuItem(actions.apply(toggle)));
        }
        items(view, actions, null, WindowAction.FILTER_TREE, WindowAction.CLEAR_SELECTION);
        bar.add(view);

        JMenu replay = menu("Replay", 'R');
        items(replay, actions, WindowAction.PLAY_PAUSE, WindowAction.STEP_BACK, WindowAction.STEP_FORWARD,
                WindowAction.TO_START, WindowAction.TO_END, WindowAction.GO_TO_FAULT, null,
                WindowAction.SELECTION_FIRST_FAULT, WindowAction.SELECTION_LAST_FAULT);
        replay.add(new JCheckBoxMenuItem(actions.apply(WindowAction.SELECTION_ONLY)));
        items(replay, actions, null, WindowAction.LOCALITY, WindowAction.PREFETCH_WHAT_IF);
        bar.add(replay);

        JMenu help = menu("Help", 'H');
        items(help, actions, WindowAction.SHORTCUTS, WindowAction.COLOURS, null, WindowAction.ABOUT);
        bar.add(help);
        return bar;
    }

    private static JMenu menu(String name, char mnemonic) {
        JMenu m = new JMenu(name);
        m.setMnemonic(mnemonic);
        m.setName("menu." + name);
        return m;
    }

    /** Adds an item per command; null adds a separator. */
    private static void items(JMenu menu, Function<WindowAction, Action> actions, WindowAction... ids) {
        for (WindowAction id : ids) {
            if (id == null) {
                menu.addSeparator();
                continue;
            }
            Action a = actions.apply(id);
            JMenuItem item = id.isPlainKey() ? new ShortcutMenuItem(a) : new JMenuItem(a);
            item.setName("menuItem." + id.name());
            menu.add(item);
        }
    }

    static JToolBar toolBar(Function<WindowAction, Action> actions) {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.setName("toolbar");
        for (WindowAction id : new WindowAction[] {WindowAction.OPEN_DIRECTORY, WindowAction.EXPORT_PNG, null,
            WindowAction.ZOOM_IN, WindowAction.ZOOM_OUT, WindowAction.ZOOM_FIT, WindowAction.COMPACT_VIEW, null,
            WindowAction.TO_START, WindowAction.STEP_BACK, WindowAction.PLAY_PAUSE, WindowAction.STEP_FORWARD,
            WindowAction.TO_END}) {
            if (id == null) {
                bar.addSeparator();
                continue;
            }
            Action a = actions.apply(id);
            // A toggle (compact view) shows whether it is on.
            AbstractButton b = a.getValue(Action.SELECTED_KEY) != null ? new JToggleButton(a) : new JButton(a);
            b.setHideActionText(true);
            b.setFocusable(false);
            b.setName("toolbar." + id.name());
            bar.add(b);
        }
        return bar;
    }
}
