package org.uffdvisualizer.analyze;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * How local the order of a restore's faults is, physically: the faults counted are the demand
 * faults of the trace (prefetches are not faults) whose first frame passes a filter, in log order.
 *
 * <ul>
 * <li>A fault is a <em>next-page</em> fault when its first frame is the frame right after the
 * previous counted fault's last frame; runs are the maximal stretches of next-page faults plus the
 * fault they follow, so {@code meanRun = faults / runs}.</li>
 * <li>2 MiB blocks: the aligned 512-frame blocks holding a frame some counted fault served, and
 * how many distinct frames of each were served (its fill).</li>
 * <li>When the log has times: the time after the first counted fault by which 50%, 90% and 98%
 * of them had happened (the fault of rank ceil(p * faults)).</li>
 * </ul>
 */
public final class FaultLocality {
    /** Frames in a 2 MiB block. */
    public static final int BLOCK_FRAMES = 512;
    /** Fill buckets: a block's served frames fall in [2^b, 2^(b+1)), bucket 9 being exactly 512. */
    public static final int FILL_BUCKETS = 10;
    private static final double[] TIME_QUANTILES = {0.50, 0.90, 0.98};

    private final int faults;
    private final int nextPageFaults;
    private final int runs;
    private final int[] runLengths;
    private final int blocks;
    private final long blockFrames;
    private final int[] fillBuckets = new int[FILL_BUCKETS];
    private final long[] quantileNanos;
    private final long spanNanos;

    private FaultLocality(FaultTrace trace, IntPredicate frameFilter) {
        int n = 0;
        int next = 0;
        int runCount = 0;
        int run = 0;
        int[] lengths = new int[16];
        long expected = Long.MIN_VALUE;
        long served = 0;
        int[] order = new int[trace.faultCount()];
        for (int i = 0; i < trace.faultCount(); i++) {
            long pfn = trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            if (trace.isPrefetched(i) || !frameFilter.test((int) pfn)) {
                continue;
            }
            order[n++] = i;
            served += trace.pages(i);
            if (pfn == expected) {
                next++;
                run++;
            } else {
                lengths = count(lengths, run);
                runCount += run > 0 ? 1 : 0;
                run = 1;
            }
            expected = pfn + trace.pages(i);
        }
        lengths = count(lengths, run);
        runCount += run > 0 ? 1 : 0;
        faults = n;
        nextPageFaults = next;
        runs = runCount;
        runLengths = lengths;
        long[] frames = new long[(int) Math.min(served, Integer.MAX_VALUE - 16)];
        int f = 0;
        for (int k = 0; k < n; k++) {
            long pfn0 = trace.physical(order[k]) >>> PhysicalLayout.PAGE_SHIFT;
            for (int p = 0; p < trace.pages(order[k]) && f < frames.length; p++) {
                frames[f++] = pfn0 + p;
            }
        }
        int[] blockCount = blocksOf(frames, f);
        blocks = blockCount[0];
        blockFrames = blockCount[1];
        if (trace.hasTimestamps() && n > 0) {
            long t0 = trace.nanos(order[0]);
            quantileNanos = new long[TIME_QUANTILES.length];
            for (int q = 0; q < TIME_QUANTILES.length; q++) {
                int rank = (int) Math.ceil(TIME_QUANTILES[q] * n);
                quantileNanos[q] = trace.nanos(order[Math.max(rank, 1) - 1]) - t0;
            }
            spanNanos = trace.nanos(order[n - 1]) - t0;
        } else {
            quantileNanos = null;
            spanNanos = 0;
        }
    }

    /** The figures over every demand fault. */
    public static FaultLocality of(FaultTrace trace) {
        return new FaultLocality(trace, pfn -> true);
    }

    /** The figures over the demand faults whose first frame passes {@code frameFilter}. */
    public static FaultLocality of(FaultTrace trace, IntPredicate frameFilter) {
        return new FaultLocality(trace, frameFilter);
    }

    private static int[] count(int[] lengths, int run) {
        if (run == 0) {
            return lengths;
        }
        int[] l = run < lengths.length ? lengths : Arrays.copyOf(lengths, Math.max(run + 1, lengths.length * 2));
        l[run]++;
        return l;
    }

    /** Sorts the first {@code n} frames; returns {distinct blocks, distinct frames} and fills the buckets. */
    private int[] blocksOf(long[] frames, int n) {
        Arrays.sort(frames, 0, n);
        int blockCount = 0;
        int distinct = 0;
        int inBlock = 0;
        long block = -1;
        for (int k = 0; k < n; k++) {
            if (k > 0 && frames[k] == frames[k - 1]) {
                continue;
            }
            distinct++;
            long b = frames[k] / BLOCK_FRAMES;
            if (b != block) {
                addBlock(inBlock);
                blockCount++;
                block = b;
                inBlock = 0;
            }
            inBlock++;
        }
        addBlock(inBlock);
        return new int[] {blockCount, distinct};
    }

    private void addBlock(int frames) {
        if (frames > 0) {
            fillBuckets[31 - Integer.numberOfLeadingZeros(frames)]++;
        }
    }

    public int faults() {
        return faults;
    }

    public int nextPageFaults() {
        return nextPageFaults;
    }

    /** Next-page faults over the faults that have a previous one; 0 below two faults. */
    public double nextPageFraction() {
        return faults < 2 ? 0 : (double) nextPageFaults / (faults - 1);
    }

    public int runs() {
        return runs;
    }

    /** Mean length of a run of physically consecutive faults, in faults. */
    public double meanRun() {
        return runs == 0 ? 0 : (double) faults / runs;
    }

    /** The longest run, in faults. */
    public int longestRun() {
        for (int l = runLengths.length - 1; l > 0; l--) {
            if (runLengths[l] > 0) {
                return l;
            }
        }
        return 0;
    }

    /** How many runs are {@code length} faults long. */
    public int runsOfLength(int length) {
        return length < runLengths.length ? runLengths[length] : 0;
    }

    /** 2 MiB blocks holding a served frame. */
    public int blocks() {
        return blocks;
    }

    /** Distinct frames served. */
    public long servedFrames() {
        return blockFrames;
    }

    /** Mean fill of a touched 2 MiB block: served frames over the blocks' 512 frames each. */
    public double meanBlockFill() {
        return blocks == 0 ? 0 : (double) blockFrames / ((long) blocks * BLOCK_FRAMES);
    }

    /** Blocks with between 2^b and 2^(b+1) - 1 served frames (b = 9: all 512). */
    public int blocksInFillBucket(int b) {
        return fillBuckets[b];
    }

    public boolean hasTimes() {
        return quantileNanos != null;
    }

    /** Nanoseconds after the first fault by which 50% of the faults had happened. */
    public long nanosTo50() {
        return quantileNanos[0];
    }

    public long nanosTo90() {
        return quantileNanos[1];
    }

    public long nanosTo98() {
        return quantileNanos[2];
    }

    /** Nanoseconds from the first to the last fault. */
    public long spanNanos() {
        return spanNanos;
    }
}
