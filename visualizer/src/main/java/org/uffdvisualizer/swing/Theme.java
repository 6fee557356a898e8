package org.uffdvisualizer.swing;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLaf;
import com.formdev.flatlaf.FlatLightLaf;

/** The window's look and feel: FlatLaf, light or dark. Event Dispatch Thread only. */
public final class Theme {

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
