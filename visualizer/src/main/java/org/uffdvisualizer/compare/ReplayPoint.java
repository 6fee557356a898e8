package org.uffdvisualizer.compare;

import org.uffdvisualizer.model.FaultTrace;

/**
 * A replay position given as a fraction of each run's trace (1 = the end), so that runs with
 * different fault counts are compared at the same stage of their restore.
 */
public record ReplayPoint(double fraction) {
    public static final ReplayPoint END = new ReplayPoint(1);

    public ReplayPoint {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a replay position is a fraction from 0 to 1, not " + fraction);
        }
    }

    /**
     * "end", or a fraction such as {@code 0.5}.
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static ReplayPoint parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("end")) {
            return END;
        }
        double fraction;
        try {
            fraction = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            fraction = Double.NaN;
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("'" + text + "': expected a fraction of the trace from 0 to 1, or 'end'");
        }
        return new ReplayPoint(fraction);
    }

    /** The number of faults of {@code trace} replayed at this point (its replay cursor). */
    public int cursorIn(FaultTrace trace) {
        return (int) Math.round(fraction * trace.faultCount());
    }

    @Override
    public String toString() {
        return fraction == 1 ? "end" : Double.toString(fraction);
    }
}
