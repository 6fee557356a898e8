package org.uffdvisualizer.model;

/**
 * When each fault of a trace happened, counted from the trace's first fault: logs count from
 * different origins (the handler from its connection, the capture lab's trace from the host's
 * boot), so only the time after the first fault compares across traces. Never decreasing: a
 * fault logged earlier than one before it counts at that one's time, so the times can be
 * searched and a replay by time never goes backwards. Holds no copy of the times unless the log
 * has some out of order; immutable.
 */
public final class FaultTimes {
    private final FaultTrace trace;
    private final long[] latest;     // running maximum of the times, only when they go backwards somewhere

    private FaultTimes(FaultTrace trace, long[] latest) {
        this.trace = trace;
        this.latest = latest;
    }

    /** The times of {@code trace}'s faults; one pass over them. */
    public static FaultTimes of(FaultTrace trace) {
        int n = trace.hasTimestamps() ? trace.faultCount() : 0;
        int back = 1;
        while (back < n && trace.nanos(back) >= trace.nanos(back - 1)) {
            back++;
        }
        if (back >= n) {
            return new FaultTimes(trace, null);
        }
        long[] latest = new long[n];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, trace.nanos(i));
            latest[i] = max;
        }
        return new FaultTimes(trace, latest);
    }

    /** Whether the log has times. */
    public boolean known() {
        return trace.hasTimestamps() && trace.faultCount() > 0;
    }

    /** Nanoseconds from the first fault to fault {@code i} (0 for the first); -1 when the log has no times. */
    public long nanosAfterFirst(int i) {
        if (!known()) {
            return -1;
        }
        return latest == null ? trace.nanos(i) - trace.nanos(0) : latest[i] - latest[0];
    }

    /** {@link #nanosAfterFirst} in milliseconds. */
    public double msAfterFirst(int i) {
        return nanosAfterFirst(i) / 1e6;
    }

    /** Nanoseconds from the first fault to the last; 0 with fewer than two faults or no times. */
    public long spanNanos() {
        return known() ? nanosAfterFirst(trace.faultCount() - 1) : 0;
    }

    /**
     * How many faults have happened by {@code nanosAfterFirst}, given that the first {@code from}
     * have: the index of the first fault from {@code from} on that is later. Needs times.
     */
    public int countBy(long nanosAfterFirst, int from) {
        int lo = from;
        int hi = trace.faultCount();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanosAfterFirst(mid) <= nanosAfterFirst) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
