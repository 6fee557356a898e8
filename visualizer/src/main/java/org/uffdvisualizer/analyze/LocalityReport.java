package org.uffdvisualizer.analyze;

import java.util.function.IntPredicate;
import org.uffdvisualizer.model.Capture;

/**
 * What {@code analyze} prints and the window's Locality dialog shows: the locality figures of the
 * whole trace, those of a selection's faults (null without one), and the extents of every owner
 * (of the selection's pages only, when there is one). No Swing; any thread.
 *
 * @param traceEntries   faults in the trace
 * @param selectionLabel the selection's name, or null
 */
public record LocalityReport(int traceEntries, FaultLocality trace, String selectionLabel, FaultLocality selection,
        OwnerExtents owners, int unownedPages) {

    /** The report of {@code capture}, with the figures of the frames {@code selected} holds when it is not null. */
    public static LocalityReport of(Capture capture, String selectionLabel, IntPredicate selected) {
        return new LocalityReport(capture.trace().faultCount(), FaultLocality.of(capture.trace()),
                selected == null ? null : selectionLabel,
                selected == null ? null : FaultLocality.of(capture.trace(), selected),
                selected == null ? OwnerExtents.of(capture) : OwnerExtents.of(capture, selected),
                capture.unownedFaultedPages());
    }
}
