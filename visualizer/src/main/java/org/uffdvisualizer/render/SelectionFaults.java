package org.uffdvisualizer.render;

import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The faults of a selection: those whose first page the selection holds. What the replay filter
 * plays and what "first/last fault of the selection" jump to. Each call walks the trace from
 * where it starts, so its cost is the gap to the answer.
 */
public final class SelectionFaults {

    private SelectionFaults() {
    }

    /** Whether fault {@code i}'s first page is selected. */
    public static boolean holds(FaultTrace t, Selection s, int i) {
        long pfn = t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
        return pfn <= Integer.MAX_VALUE && s.containsFrame((int) pfn);
    }

    /** The first selected fault at or after {@code from}, or -1. */
    public static int next(FaultTrace t, Selection s, int from) {
        for (int i = Math.max(0, from); i < t.faultCount(); i++) {
            if (holds(t, s, i)) {
                return i;
            }
        }
        return -1;
    }

    /** The last selected fault at or before {@code from}, or -1. */
    public static int previous(FaultTrace t, Selection s, int from) {
        for (int i = Math.min(from, t.faultCount() - 1); i >= 0; i--) {
            if (holds(t, s, i)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The replay position after applying {@code count} more selected faults from position
     * {@code cursor} (faults {@code [0, cursor)} applied): just past the last of them, or the end of
     * the trace when fewer are left; {@code cursor} itself for a count of 0.
     */
    public static int advance(FaultTrace t, Selection s, int cursor, int count) {
        int at = cursor;
        for (int n = 0; n < count; n++) {
            int i = next(t, s, at);
            if (i < 0) {
                return t.faultCount();
            }
            at = i + 1;
        }
        return at;
    }
}
