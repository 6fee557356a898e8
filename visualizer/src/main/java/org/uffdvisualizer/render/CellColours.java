package org.uffdvisualizer.render;

import org.uffdvisualizer.model.FaultTrace;

/**
 * The colour a grid gives a frame: its class's colour in the palette, or with the fault-order
 * overlay, for a faulted frame the {@link OrderScale} colour of its first fault (by time when the
 * log has times, else by index) and for every other frame its class's colour dimmed halfway to
 * the background, so the order stands out while owners stay recognisable.
 */
final class CellColours {
    /** How far an unfaulted frame's colour moves towards the background under the order overlay. */
    private static final double DIM = 0.55;

    private final FaultTrace trace;
    private final NmtCategories nmt;
    private final int[] rgb = new int[PageClass.COUNT];
    private boolean order;

    CellColours(FaultTrace trace, NmtCategories nmt, Palette palette, boolean order) {
        this.trace = trace;
        this.nmt = nmt;
        set(palette, order);
    }

    void set(Palette palette, boolean byOrder) {
        order = byOrder;
        int background = palette.rgb(PageClass.HOLE);
        for (int c = 0; c < rgb.length; c++) {
            int base = nmt.classRgb(palette, c);
            rgb[c] = order && c != PageClass.HOLE ? blend(base, background, DIM) : base;
        }
    }

    boolean byOrder() {
        return order;
    }

    /** The colour of a frame of class {@code c} whose first fault is {@code firstFault} (-1: none). */
    int rgb(byte c, int firstFault) {
        return order && firstFault >= 0 && isFaulted(c) ? OrderScale.rgb(position(trace, firstFault)) : rgb[c];
    }

    /** The colour of class {@code c} for a frame no fault served. */
    int rgb(int c) {
        return rgb[c];
    }

    /** Where fault {@code i} lies in the restore, 0 first to 1 last: by time when the log has times. */
    static double position(FaultTrace trace, int i) {
        int last = trace.faultCount() - 1;
        if (last <= 0) {
            return 0;
        }
        if (trace.hasTimestamps()) {
            long span = trace.nanos(last) - trace.nanos(0);
            if (span > 0) {
                return (double) (trace.nanos(i) - trace.nanos(0)) / span;
            }
        }
        return (double) i / last;
    }

    static boolean isFaulted(byte c) {
        return c == PageClass.LOADED || c == PageClass.ZEROED || c == PageClass.LOADED_SELECTED
                || c == PageClass.FAULTED_UNOWNED;
    }

    private static int blend(int rgb, int toward, double w) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (rgb >> shift) & 0xff;
            int b = (toward >> shift) & 0xff;
            out |= (int) Math.round(a + w * (b - a)) << shift;
        }
        return out;
    }
}
