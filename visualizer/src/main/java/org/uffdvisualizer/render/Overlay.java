package org.uffdvisualizer.render;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Layers that can be switched on together over the ownership picture. */
public enum Overlay {
    /** Pages with more than one owner. */
    SHARING("sharing", "Shared pages"),
    /** Pages in the page cache. */
    PAGECACHE("pagecache", "Page cache"),
    /** Kernel image pages. */
    KERNEL("kernel", "Kernel"),
    /** Every NMT category of every JVM, each in its own colour. */
    NMT("nmt", "NMT categories"),
    /** During replay, zero-filled pages apart from loaded ones. */
    ZEROED("zeroed", "Zero-filled pages"),
    /** Host ranges the guest gave back (UFFD_EVENT_REMOVE), outlined. */
    REMOVED("removed", "Removed ranges");

    private final String key;
    private final String label;

    Overlay(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** The word used on the command line. */
    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** Overlays on when a capture opens. */
    public static Set<Overlay> defaults() {
        return EnumSet.of(SHARING, PAGECACHE, KERNEL, ZEROED, REMOVED);
    }

    /** Parses "sharing,pagecache,nmt"; null if a word is unknown. */
    public static EnumSet<Overlay> parseList(String list) {
        EnumSet<Overlay> set = EnumSet.noneOf(Overlay.class);
        if (list == null || list.isBlank()) {
            return set;
        }
        for (String word : list.split(",")) {
            Overlay found = null;
            for (Overlay o : values()) {
                if (o.key.equals(word.trim().toLowerCase(Locale.ROOT))) {
                    found = o;
                }
            }
            if (found == null) {
                return null;
            }
            set.add(found);
        }
        return set;
    }
}
