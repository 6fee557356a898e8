package org.uffdvisualizer.cli;

import java.util.Map;

/**
 * The original tool's system properties ({@code -DuffdVisualizer.scale=4 -jar ...}), which give
 * {@code gui}'s options their defaults. Apart from {@link GridDefaults} so that the plain start can
 * ask whether one is set without loading picocli.
 */
final class OriginalToolProperties {
    /** Option name to the system property that gives its default. */
    static final Map<String, String> BY_OPTION = Map.of("--scale", "uffdVisualizer.scale", "--width",
            "uffdVisualizer.width", "--physical-memory", "uffdVisualizer.physicalMemory", "--page-size",
            "uffdVisualizer.pageSize");

    private OriginalToolProperties() {
    }

    /** Whether any of them is set. */
    static boolean anySet() {
        for (String p : BY_OPTION.values()) {
            if (System.getProperty(p) != null) {
                return true;
            }
        }
        return false;
    }
}
