package org.uffdvisualizer.swing;

import java.awt.Toolkit;
import java.awt.event.ActionEvent;
import java.awt.event.InputEvent;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.Icon;
import javax.swing.KeyStroke;

/**
 * Every command of the window, with its label, key and icon. {@link #create} builds the one
 * {@link Action} per command that the menu item, the toolbar button and the key binding share,
 * so that enabling or toggling it shows everywhere at once.
 */
public enum WindowAction {
    OPEN_DIRECTORY("Open Capture Directory…", "menu O", ToolbarIcon.OPEN,
            "Open a directory holding a mapping dump, uffd logs and NMT files (recognised by content)"),
    OPEN_FILES("Open Files…", "menu shift O", null, "Choose the mapping dump, the uffd log and NMT files one by one"),
    OPEN_BUNDLED("Open Bundled Sample", null, null, "The real JDK 17 capture that comes with UffdVisualizer"),
    COMPARE_WITH("Compare With…", "menu shift C", null,
            "Open another capture beside this one to compare them: a directory or its files, as for Open"),
    COMPARE_RESTORES("Compare Restores of This Capture", null, null,
            "Open the other restores of this capture's snapshot (its directory's uffd-restore-N.log) beside it"),
    RELOAD("Reload", "F5", null, "Read the current capture's files again"),
    EXPORT_PNG("Export View as PNG…", "menu E", ToolbarIcon.EXPORT, "Save what the grid shows now as a PNG image"),
    EXPORT_WORKING_SET("Export Working Set…", null, null,
            "Save the pages the restore touched, in first-touch order, for the uffd handler's --prefetch"),
    QUIT("Quit", "menu Q", null, null),
    ZOOM_IN("Zoom In", "menu EQUALS", ToolbarIcon.ZOOM_IN, "Larger cells (mouse wheel up)"),
    ZOOM_OUT("Zoom Out", "menu MINUS", ToolbarIcon.ZOOM_OUT, "Smaller cells (mouse wheel down)"),
    ZOOM_FIT("Fit to Window", "menu 0", ToolbarIcon.ZOOM_FIT, "Show the whole address space"),
    ZOOM_ACTUAL("One Pixel per Page", "menu 1", null, null),
    ZOOM_SELECTION("Zoom to Selection", "menu 2", null, "Show the rows that hold the selected pages as large as they fit"),
    COMPACT_VIEW("Compact View", "menu 3", ToolbarIcon.COMPACT,
            "Draw only the rows that hold selected pages (or any owned page), with their addresses (remembered)"),
    PLAY_PAUSE("Play / Pause", "SPACE", ToolbarIcon.PLAY, "Replay the restore's page faults (Space)"),
    STEP_BACK("Step Back", "LEFT", ToolbarIcon.STEP_BACK, "Undo one fault (Left)"),
    STEP_FORWARD("Step Forward", "RIGHT", ToolbarIcon.STEP_FORWARD, "Apply one fault (Right)"),
    TO_START("Jump to Start", "HOME", ToolbarIcon.TO_START, "Before the first fault (Home)"),
    TO_END("Jump to End", "END", ToolbarIcon.TO_END, "After the last fault (End)"),
    GO_TO_FAULT("Go to Fault…", "menu G", null, "Type a fault number"),
    SELECTION_FIRST_FAULT("First Fault of the Selection", "shift HOME", null,
            "Just after the first fault on a selected page (Shift+Home)"),
    SELECTION_LAST_FAULT("Last Fault of the Selection", "shift END", null,
            "Just after the last fault on a selected page (Shift+End)"),
    SELECTION_ONLY("Replay Only the Selection", null, null, "Play and step through the faults on selected pages only"),
    LOCALITY("Locality Figures…", "menu L", null,
            "How local the restore's fault order is: next-page faults, runs, 2 MiB blocks, extents per owner"),
    PREFETCH_WHAT_IF("Prefetch What-If…", null, null,
            "What prefetch strategies would have saved on the capture's other restores: table, chart, grid"),
    FILTER_TREE("Filter Tree", "menu F", null, "Type to filter the process tree"),
    CLEAR_SELECTION("Clear Selection", "ESCAPE", null, "Highlight nothing"),
    DARK_THEME("Dark Theme", "menu shift D", null, "Switch between the light and the dark theme (remembered)"),
    COLOR_BLIND("Colour-Blind Palette", null, null, "Colours that stay apart with red-green or blue-yellow colour blindness"),
    SELECT_JVM_ON_OPEN("Select the JVM on Open", null, null,
            "Open a capture with the JVM the restore served most pages to selected (remembered)"),
    SHOW_DIAGNOSTICS("Diagnostics", null, null, "Lines of the capture that could not be used"),
    SHORTCUTS("Keyboard Shortcuts", "F1", null, "Every key of the window"),
    COLOURS("What the Colours Mean", null, null, "Every colour of the current palette and what a cell of it is"),
    ABOUT("About UffdVisualizer", null, null, null);

    private final String label;
    private final String key;
    private final Icon icon;
    private final String tooltip;

    WindowAction(String label, String key, Icon icon, String tooltip) {
        this.label = label;
        this.key = key;
        this.icon = icon;
        this.tooltip = tooltip;
    }

    public String label() {
        return label;
    }

    /** The default key, with "menu" standing for the platform's menu shortcut modifier; null for none. */
    public KeyStroke keyStroke() {
        if (key == null) {
            return null;
        }
        boolean menu = key.startsWith("menu ");
        KeyStroke ks = KeyStroke.getKeyStroke(menu ? key.substring(5) : key);
        if (!menu) {
            return ks;
        }
        int mask = java.awt.GraphicsEnvironment.isHeadless() ? InputEvent.CTRL_DOWN_MASK
                : Toolkit.getDefaultToolkit().getMenuShortcutKeyMaskEx();
        return KeyStroke.getKeyStroke(ks.getKeyCode(), ks.getModifiers() | mask);
    }

    /** Whether the key has no modifier (Space, arrows, Home/End), so text fields keep it for themselves. */
    public boolean isPlainKey() {
        KeyStroke ks = keyStroke();
        return ks != null && ks.getModifiers() == 0 && ks.getKeyCode() != java.awt.event.KeyEvent.VK_ESCAPE
                && ks.getKeyCode() != java.awt.event.KeyEvent.VK_F5 && ks.getKeyCode() != java.awt.event.KeyEvent.VK_F1;
    }

    /** The shared action that runs {@code handler}. */
    public Action create(Consumer<ActionEvent> handler) {
        Action a = new AbstractAction(label) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                handler.accept(e);
            }
        };
        a.putValue(Action.ACTION_COMMAND_KEY, name());
        if (keyStroke() != null) {
            a.putValue(Action.ACCELERATOR_KEY, keyStroke());
        }
        if (icon != null) {
            a.putValue(Action.SMALL_ICON, icon);
        }
        if (tooltip != null) {
            a.putValue(Action.SHORT_DESCRIPTION, tooltip);
        }
        return a;
    }

    /** The shared action of a checkbox command; {@code handler} gets the new state. */
    public Action createToggle(boolean initial, Consumer<Boolean> handler) {
        Action[] self = new Action[1];
        self[0] = create(e -> handler.accept(Boolean.TRUE.equals(self[0].getValue(Action.SELECTED_KEY))));
        self[0].putValue(Action.SELECTED_KEY, initial);
        return self[0];
    }
}
