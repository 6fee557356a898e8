package org.uffdvisualizer.swing;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the window remembers between runs (java.util.prefs, per user): theme, colour-blind
 * palette, recent captures, the last directory of the file chooser, whether a capture opens with
 * its JVM selected, compact view, whether compared grids are stacked.
 */
public final class AppPreferences {
    /** Recent captures kept. */
    public static final int RECENT_MAX = 8;
    private static final String DARK = "darkTheme";
    private static final String COLOR_BLIND = "colorBlind";
    private static final String RECENT = "recent.";
    private static final String LAST_DIR = "lastDirectory";
    private static final String SELECT_JVM = "selectJvmOnOpen";
    private static final String COMPACT = "compactView";
    private static final String STACKED = "comparisonStacked";

    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences of this application. */
    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("org/uffdvisualizer/window"));
    }

    public boolean darkTheme() {
        return node.getBoolean(DARK, false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean(DARK, dark);
        flush();
    }

    public boolean colorBlind() {
        return node.getBoolean(COLOR_BLIND, false);
    }

    public void setColorBlind(boolean on) {
        node.putBoolean(COLOR_BLIND, on);
        flush();
    }

    /** Whether a capture opens with its most interesting JVM selected (on unless turned off). */
    public boolean selectJvmOnOpen() {
        return node.getBoolean(SELECT_JVM, true);
    }

    public void setSelectJvmOnOpen(boolean on) {
        node.putBoolean(SELECT_JVM, on);
        flush();
    }

    /** Whether grids are shown in compact view (off unless turned on). */
    public boolean compactView() {
        return node.getBoolean(COMPACT, false);
    }

    public void setCompactView(boolean on) {
        node.putBoolean(COMPACT, on);
        flush();
    }

    /** Whether compared grids are stacked (one above the other) rather than side by side. */
    public boolean comparisonStacked() {
        return node.getBoolean(STACKED, false);
    }

    public void setComparisonStacked(boolean stacked) {
        node.putBoolean(STACKED, stacked);
        flush();
    }

    public String lastDirectory() {
        return node.get(LAST_DIR, null);
    }

    public void setLastDirectory(String dir) {
        node.put(LAST_DIR, dir);
        flush();
    }

    /** Encoded recent captures ({@link CaptureSource#encode()}), most recent first. */
    public List<String> recent() {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < RECENT_MAX; i++) {
            String v = node.get(RECENT + i, null);
            if (v != null) {
                list.add(v);
            }
        }
        return list;
    }

    /** Puts {@code encoded} first, dropping duplicates and the oldest beyond {@link #RECENT_MAX}. */
    public void addRecent(String encoded) {
        List<String> list = recent();
        list.remove(encoded);
        list.add(0, encoded);
        for (int i = 0; i < RECENT_MAX; i++) {
            if (i < list.size()) {
                node.put(RECENT + i, list.get(i));
            } else {
                node.remove(RECENT + i);
            }
        }
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // Preferences are a convenience: a read-only home directory must not break the window.
        }
    }
}
