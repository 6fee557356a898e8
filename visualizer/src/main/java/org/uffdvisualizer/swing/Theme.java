package org.uffdvisualizer.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;
import java.util.Map;

/** The window's look and feel: FlatLaf, light or dark. Event Dispatch Thread only. */
public final class Theme {

    static {
        // Applied by FlatLaf at every set-up of the look and feel, light or dark. Both keep work off the start
        // (docs/PERFORMANCE.md, "Start-up", third round):
        // - FlatLaf colours links in Swing's HTML with a rule in the HTML kit's shared style sheet; making that rule
        //   loads Swing's HTML kit and parses its default.css (about 50 classes, 10-25 ms of the Event Dispatch
        //   Thread). No HTML this program shows has a link, and without a link colour FlatLaf makes no rule.
        // - The scroll panes' border is painted without antialiasing where that gives the same pixels.
        FlatLaf.setGlobalExtraDefaults(Map.of(
                "Component.linkColor", "null",
                "ScrollPane.border", WholePixelScrollPaneBorder.class.getName()));
    }

    private Theme() {
    }

    /** Sets up FlatLaf, light or dark as remembered. Call before creating the window. */
    public static void install(AppPreferences prefs) {
        if (prefs.darkTheme()) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /** Switches every open window to the light or dark theme. */
    static void switchTo(boolean dark) {
        FlatLaf.setup(dark ? new FlatDarkLaf() : new FlatLightLaf());
        FlatLaf.updateUI();
    }
}
