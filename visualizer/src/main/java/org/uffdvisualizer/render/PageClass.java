package org.uffdvisualizer.render;

/**
 * What a grid cell shows, one byte per physical frame. The {@link Palette} turns a class into a
 * colour; NMT categories take the classes from {@link #NMT_FIRST} on, one per category.
 */
public final class PageClass {
    /** No RAM at this address (x86_64: 3-4 GiB). */
    public static final byte HOLE = 0;
    /** RAM that no section of the dump owns. */
    public static final byte FREE = 1;
    /** Owned by someone (a process, the kernel or the page cache). */
    public static final byte MAPPED = 2;
    /** Owned by the selection. */
    public static final byte SELECTED = 3;
    /** Owned by the selection and by someone else too. */
    public static final byte SELECTED_SHARED = 4;
    /** Owned by more than one section. */
    public static final byte SHARED = 5;
    /** In the page cache. */
    public static final byte PAGECACHE = 6;
    /** Kernel image. */
    public static final byte KERNEL = 7;
    /** Replay: loaded from the memory file by a fault so far. */
    public static final byte LOADED = 8;
    /** Replay: zero-filled by a fault so far. */
    public static final byte ZEROED = 9;
    /** Replay: loaded, and owned by the selection. */
    public static final byte LOADED_SELECTED = 10;
    /** Replay: faulted, but owned by nobody in the dump. */
    public static final byte FAULTED_UNOWNED = 11;
    /** First NMT category class; category {@code c} is {@code NMT_FIRST + c}. */
    public static final int NMT_FIRST = 16;
    /** Number of class values. */
    public static final int COUNT = 64;
    /** How many NMT categories get their own class. */
    public static final int NMT_MAX = COUNT - NMT_FIRST;

    /**
     * How notable a class is where one pixel or cell stands for several frames: a faulted page
     * beats a selected one, which beats an overlay, then a merely mapped page, free RAM, holes.
     * Plain downscaling would drop the one faulted page among sixteen; this keeps it visible.
     */
    private static final int[] NOTABILITY = new int[COUNT];

    static {
        NOTABILITY[HOLE] = 0;
        NOTABILITY[FREE] = 1;
        NOTABILITY[MAPPED] = 2;
        NOTABILITY[SHARED] = 3;
        NOTABILITY[PAGECACHE] = 4;
        NOTABILITY[KERNEL] = 5;
        for (int c = NMT_FIRST; c < COUNT; c++) {
            NOTABILITY[c] = 6;
        }
        NOTABILITY[SELECTED_SHARED] = 7;
        NOTABILITY[SELECTED] = 8;
        NOTABILITY[FAULTED_UNOWNED] = 9;
        NOTABILITY[ZEROED] = 10;
        NOTABILITY[LOADED] = 11;
        NOTABILITY[LOADED_SELECTED] = 12;
    }

    private PageClass() {
    }

    /** The rank of class {@code c} among those several frames sharing one pixel or cell; higher wins. */
    public static int notability(byte c) {
        return NOTABILITY[c];
    }

    /** Of two classes, the one a shared pixel or cell shows: the more notable, {@code a} on a tie. */
    public static byte moreNotable(byte a, byte b) {
        return NOTABILITY[b] > NOTABILITY[a] ? b : a;
    }
}
