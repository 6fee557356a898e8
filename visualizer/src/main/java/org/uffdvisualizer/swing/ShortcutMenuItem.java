package org.uffdvisualizer.swing;

import java.awt.KeyboardFocusManager;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.JMenuItem;
import javax.swing.KeyStroke;
import javax.swing.text.JTextComponent;

/**
 * A menu item whose accelerator is a plain key (Space, arrows, Home, End) and which lets that key
 * go to a text field that has the focus: typing a space in the search field must not start the
 * replay. Other components handle their own keys first anyway (Swing asks the focused component
 * before the menu bar), so in the tree the arrows still move the selection.
 */
final class ShortcutMenuItem extends JMenuItem {
    private static final long serialVersionUID = 1L;

    ShortcutMenuItem(Action action) {
        super(action);
    }

    @Override
    protected boolean processKeyBinding(KeyStroke ks, KeyEvent e, int condition, boolean pressed) {
        if (ks.getModifiers() == 0 && KeyboardFocusManager.getCurrentKeyboardFocusManager()
                .getFocusOwner() instanceof JTextComponent) {
            return false;
        }
        return super.processKeyBinding(ks, e, condition, pressed);
    }
}
