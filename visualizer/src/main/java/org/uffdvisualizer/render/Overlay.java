package org.uffdvisualizer.render;

import java.util.EnumSet;
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
    REMOVED("removed", "Removed ranges"),
    /** Faulted pages coloured by when their first fault came ({@link OrderScale}), the rest dimmed. */
    ORDER("order", "Fault order");

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
}
