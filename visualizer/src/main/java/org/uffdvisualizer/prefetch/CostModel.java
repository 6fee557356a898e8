package org.uffdvisualizer.prefetch;

/**
 * The simulator's estimate of a restore's time, kept simple on purpose:
 * <ul>
 * <li>a demand fault costs {@code faultNanos} (the faulting thread's round trip, its own page
 *     copied included);</li>
 * <li>every other byte fetched (prefetched ahead, or the extra pages of a fault-around) costs
 *     {@code 1 / bytesPerSecond};</li>
 * <li>the guest's own work between two touches is the trace's recorded gap less one fault cost
 *     (the recorded restore paid one fault per touch), never below zero; without times it is zero,
 *     a guest that does nothing but touch (the worst case for a background install).</li>
 * </ul>
 * The defaults are this project's handler as measured in docs/uffd-handler.md ("Benchmark"): 5 us
 * per fault (one faulting thread: 4.55 us pinned, 5.25 us in the run before {@code --threads})
 * and 758 MiB/s (a full sequential restore of 1 GiB, 194,000 pages/s, page by page).
 */
public record CostModel(long faultNanos, long bytesPerSecond) {
    public static final long DEFAULT_FAULT_NANOS = 5_000;
    public static final long DEFAULT_BYTES_PER_SECOND = 758L << 20;

    public CostModel {
        if (faultNanos < 0 || bytesPerSecond <= 0) {
            throw new IllegalArgumentException("fault cost must be >= 0 and bandwidth > 0");
        }
    }

    public static CostModel defaults() {
        return new CostModel(DEFAULT_FAULT_NANOS, DEFAULT_BYTES_PER_SECOND);
    }

    /** Time to fetch {@code bytes} at the model's bandwidth. */
    public long transferNanos(long bytes) {
        return (long) (bytes * 1e9 / bytesPerSecond);
    }

    /** The guest's own work before touch {@code i} of {@code run}. */
    long workBefore(RestoreRun run, int i) {
        if (!run.hasTimes() || i == 0) {
            return 0;
        }
        return Math.max(0, run.nanos(i) - run.nanos(i - 1) - faultNanos);
    }
}
