package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.List;

/**
 * What every colour of a palette means, in words, for the window's Help > What the Colours Mean
 * (the legend shows only the colours of the current grid; this lists them all).
 */
public final class ColourGuide {

    /** One colour: the legend's name for it, its value, and what a cell of it is. */
    public record Entry(String name, int rgb, String meaning) {
    }

    /** How the name of an NMT category's entry starts, as in the legend. */
    public static final String NMT_PREFIX = "NMT ";

    private ColourGuide() {
    }

    /** Every colour of {@code p}, fixed classes first, then every NMT category of the table. */
    public static List<Entry> of(Palette p) {
        List<Entry> list = new ArrayList<>();
        add(list, p, PageClass.HOLE, "No RAM", "an address with no guest RAM (a hole in the physical address space);"
                + " the background");
        add(list, p, PageClass.FREE, "Not mapped", "RAM that no process, the kernel or the page cache holds in the dump");
        add(list, p, PageClass.MAPPED, "Mapped", "a page some process maps, not selected");
        add(list, p, PageClass.SELECTED, "Selection", "a page of what is selected in the tree");
        add(list, p, PageClass.SELECTED_SHARED, "Selection, shared", "a selected page that another owner maps too"
                + " (overlay " + Overlay.SHARING.label() + ")");
        add(list, p, PageClass.SHARED, "Shared", "a page with more than one owner (overlay " + Overlay.SHARING.label() + ")");
        add(list, p, PageClass.PAGECACHE, "Page cache", "a file page the guest kernel caches (overlay "
                + Overlay.PAGECACHE.label() + ")");
        add(list, p, PageClass.KERNEL, "Kernel", "a page of the guest kernel (overlay " + Overlay.KERNEL.label() + ")");
        add(list, p, PageClass.LOADED, "Loaded by uffd", "a page the restore has loaded from the memory file by the"
                + " replay position");
        add(list, p, PageClass.LOADED_SELECTED, "Loaded, selection", "a selected page the restore has loaded");
        add(list, p, PageClass.ZEROED, "Zero-filled", "a page the restore filled with zeros (overlay "
                + Overlay.ZEROED.label() + ")");
        add(list, p, PageClass.FAULTED_UNOWNED, "Faulted, no owner", "a page the restore served that no owner in the"
                + " dump holds");
        for (var e : NmtColours.TABLE.entrySet()) {
            list.add(new Entry(NMT_PREFIX + e.getKey(), e.getValue(), "A JVM page in a region Native Memory Tracking"
                    + " counts as this category (overlay " + Overlay.NMT.label() + "), in the same colour in every"
                    + " capture and palette"));
        }
        return list;
    }

    private static void add(List<Entry> list, Palette p, int pageClass, String name, String meaning) {
        list.add(new Entry(name, p.rgb(pageClass), meaning));
    }
}
