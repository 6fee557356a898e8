package org.uffdvisualizer.swing;

import org.uffdvisualizer.model.FaultTimes;
import org.uffdvisualizer.model.FaultTrace;

/**
 * Turns wall-clock time into a replay position: by order (a number of faults per second) or by
 * timestamp (the log's own times, sped up or slowed down). Pure arithmetic, no Swing: the
 * {@link ReplayController}'s timer asks it, on every tick, where the cursor should be now.
 */
public final class ReplayClock {

    /** How replay time advances. */
    public enum Mode {
        /** Faults in log order at a fixed rate. */
        ORDER("by order"),
        /** Faults at the times the log gives, scaled. */
        TIMESTAMP("by timestamp");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Rate meaning "as fast as possible": the controller applies what fits in a frame's time budget. */
    public static final double AS_FAST_AS_POSSIBLE = Double.POSITIVE_INFINITY;

    private final int faults;
    private final FaultTimes times;
    private Mode mode = Mode.ORDER;
    private double rate = 1000;      // ORDER: faults per second; TIMESTAMP: trace ns per wall ns
    private double carry;            // ORDER: fraction of a fault not yet applied
    private double clock;            // TIMESTAMP: trace time reached, in ns after the first fault

    public ReplayClock(FaultTrace trace) {
        faults = trace.faultCount();
        times = FaultTimes.of(trace);
    }

    /** Whether the log has times, so that {@link Mode#TIMESTAMP} can be used. */
    public boolean hasTimestamps() {
        return times.known();
    }

    public Mode mode() {
        return mode;
    }

    public double rate() {
        return rate;
    }

    public boolean isAsFastAsPossible() {
        return Double.isInfinite(rate);
    }

    /**
     * Sets how the replay advances from {@code cursor}.
     *
     * @param rate faults per second ({@link Mode#ORDER}) or speed factor ({@link Mode#TIMESTAMP}), or
     *             {@link #AS_FAST_AS_POSSIBLE}
     */
    public void set(Mode newMode, double newRate, int cursor) {
        if (newMode == Mode.TIMESTAMP && !times.known()) {
            throw new IllegalArgumentException("the log has no timestamps");
        }
        if (!(newRate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + newRate);
        }
        mode = newMode;
        rate = newRate;
        seek(cursor);
    }

    /** Restarts timing from {@code cursor} (after a step, a jump or a scrub). */
    public void seek(int cursor) {
        carry = 0;
        if (times.known()) {
            int c = Math.max(0, Math.min(cursor, faults));
            clock = c == 0 ? -1 : times.nanosAfterFirst(c - 1);
        }
    }

    /**
     * Time of the last fault applied with {@code cursor} faults applied, in ns after the first fault;
     * -1 without timestamps.
     */
    public long traceNanos(int cursor) {
        return !times.known() ? -1 : cursor <= 0 ? 0 : times.nanosAfterFirst(Math.min(cursor, faults) - 1);
    }

    /**
     * Where the cursor should be once {@code elapsedNanos} of wall time have passed since the last
     * call; never moves backwards and never past the end. Not meaningful when as fast as possible.
     */
    public int advance(int cursor, long elapsedNanos) {
        if (cursor >= faults) {
            return faults;
        }
        if (mode == Mode.ORDER) {
            carry += rate * elapsedNanos / 1e9;
            long whole = (long) Math.floor(carry);
            carry -= whole;
            return (int) Math.min(faults, cursor + whole);
        }
        clock += rate * elapsedNanos;
        return times.countBy((long) Math.floor(clock), cursor);
    }
}
