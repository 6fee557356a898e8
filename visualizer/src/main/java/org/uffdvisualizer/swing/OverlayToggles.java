package org.uffdvisualizer.swing;

import java.awt.event.ActionEvent;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.swing.AbstractAction;
import javax.swing.Action;
import org.uffdvisualizer.render.Overlay;

/**
 * One checkbox action per {@link Overlay}, shared by the View > Overlays menu and the legend;
 * the defaults start selected. Event Dispatch Thread only.
 */
final class OverlayToggles {
    private final Map<Overlay, Action> actions = new EnumMap<>(Overlay.class);

    /** @param changed gets the overlays selected after every toggle */
    OverlayToggles(Consumer<Set<Overlay>> changed) {
        for (Overlay o : Overlay.values()) {
            Action a = new AbstractAction(o.label()) {
                private static final long serialVersionUID = 1L;

                @Override
                public void actionPerformed(ActionEvent e) {
                    changed.accept(selected());
                }
            };
            a.putValue(Action.SELECTED_KEY, Overlay.defaults().contains(o));
            actions.put(o, a);
        }
    }

    Map<Overlay, Action> actions() {
        return Collections.unmodifiableMap(actions);
    }

    EnumSet<Overlay> selected() {
        EnumSet<Overlay> set = EnumSet.noneOf(Overlay.class);
        actions.forEach((o, a) -> {
            if (Boolean.TRUE.equals(a.getValue(Action.SELECTED_KEY))) {
                set.add(o);
            }
        });
        return set;
    }
}
