package org.uffdvisualizer.prefetch;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The what-if simulator: replays a recorded restore (the test run) page by page against a
 * strategy and counts the demand faults left, the bytes fetched and wasted, the I/O extents and
 * the time the {@link CostModel} gives. Work is in {@code long[]} bit sets and {@code int[]}
 * arrays (no object per fault); a run of 10,000 faults is scored in about a millisecond. Any
 * thread; no state.
 *
 * <p>A demand fault is avoided when every page it served is present when the guest touches it:
 * installed before resume, installed by the background install by then, or fetched by an earlier
 * fault (fault-around). The background install (extents-G) starts at resume and copies its
 * extents one after the other at the model's bandwidth, an extent's pages arriving when the
 * whole extent is copied; the guest's clock advances by its own work between touches (from the
 * trace's times, see {@link CostModel}) and by the cost of each fault it still takes. A page the
 * guest faulted before the install reached it is fetched once.
 */
public final class Simulator {
    /** 4 KiB pages in a 2 MiB block. */
    public static final int BLOCK_PAGES = 512;
    private static final long PAGE = 4096;

    private Simulator() {
    }

    /**
     * Scores {@code strategy} on {@code test}; a set it installs is built from {@code train}
     * (the first run, or all of them for union and intersection), restricted to the memory-file
     * pages {@code selected} holds (null: all).
     *
     * @throws IllegalArgumentException if the strategy needs recordings {@code train} does not have
     */
    public static Outcome score(Strategy strategy, List<RestoreRun> train, RestoreRun test, IntPredicate selected,
            String selectionLabel, CostModel cost) {
        return replay(strategy, train, test, selected, selectionLabel, cost).outcome();
    }

    /**
     * What becomes of every page when {@code strategy} serves {@code test}: the grid's "would be
     * prefetched / would still fault / wasted" colouring.
     */
    public static PageFates fates(Strategy strategy, List<RestoreRun> train, RestoreRun test, IntPredicate selected,
            CostModel cost) {
        Replay r = replay(strategy, train, test, selected, null, cost);
        return new PageFates(test, r.fetched(), r.faulted());
    }

    /** The outcome, with the pages fetched (by any means) and those the guest still faulted. */
    private record Replay(Outcome outcome, long[] fetched, long[] faulted) {
    }

    private static Replay replay(Strategy strategy, List<RestoreRun> train, RestoreRun test, IntPredicate selected,
            String selectionLabel, CostModel cost) {
        return switch (strategy.kind()) {
            case NONE -> onDemand(strategy, test, 0, false, cost);
            case AROUND -> onDemand(strategy, test, strategy.parameter(), false, cost);
            case BLOCK_2M -> onDemand(strategy, test, 0, true, cost);
            default -> {
                List<RestoreRun> used = trainingRuns(strategy, train);
                InstallPlan plan = plan(strategy, used, selected);
                Replay r = installed(strategy.label(), plan, strategy.isBackground(), test, cost);
                Outcome o = r.outcome();
                boolean own = used.stream().anyMatch(u -> u == test || u.name().equals(test.name()));
                yield new Replay(new Outcome(o.strategy(), selectionLabel, used.stream().map(RestoreRun::name).toList(),
                        test.name(), own, o.demandFaults(), o.faultsLeft(), o.bytesFetched(),
                        o.bytesWasted(), o.prefetchExtents(), o.extents(), o.estimatedNanos()), r.fetched(), r.faulted());
            }
        };
    }

    /** The runs a strategy's set is built from: the first, or all for union and intersection. */
    static List<RestoreRun> trainingRuns(Strategy strategy, List<RestoreRun> train) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException(strategy.label() + " needs a recorded restore to train on");
        }
        if (strategy.combinesRecordings()) {
            if (train.size() < 2) {
                throw new IllegalArgumentException(strategy.label() + " needs two or more recorded restores to train on,"
                        + " not " + train.size());
            }
            return train;
        }
        return List.of(train.get(0));
    }

    /** What a set strategy installs, in order: the plan a working-set file is written from. */
    public static InstallPlan plan(Strategy strategy, List<RestoreRun> train, IntPredicate selected) {
        List<RestoreRun> used = trainingRuns(strategy, train);
        return switch (strategy.kind()) {
            case RECORDED -> InstallPlan.inOrder(WorkingSet.recorded(used.get(0), selected));
            case EXTENTS -> InstallPlan.grouped(WorkingSet.recorded(used.get(0), selected), strategy.parameter());
            case UNION -> InstallPlan.inOrder(WorkingSet.combined(used, selected, false));
            case INTERSECTION -> InstallPlan.inOrder(WorkingSet.combined(used, selected, true));
            default -> throw new IllegalArgumentException(strategy.label() + " installs nothing ahead of demand");
        };
    }

    /** Fetching on demand only: the faulting pages, {@code around} pages after them, or their 2 MiB block. */
    private static Replay onDemand(Strategy strategy, RestoreRun test, int around, boolean block, CostModel cost) {
        long[] present = PageBits.create(test.pageLimit());
        long[] faulted = PageBits.create(test.pageLimit());
        long clock = 0;
        int faults = 0;
        long fetched = 0;
        for (int i = 0; i < test.faults(); i++) {
            clock += cost.workBefore(test, i);
            int p = test.page(i);
            int end = p + test.span(i);
            if (PageBits.allSet(present, p, end)) {
                continue;
            }
            faults++;
            PageBits.setRange(faulted, p, end);
            int own = PageBits.setRange(present, p, end);
            int from = block ? p & -BLOCK_PAGES : end;
            int to = Math.min(test.filePages(), block ? Math.max(end, from + BLOCK_PAGES) : end + around);
            int extra = PageBits.setRange(present, from, to);
            fetched += own + extra;
            clock += cost.faultNanos() + cost.transferNanos(extra * PAGE);
        }
        return new Replay(new Outcome(strategy.label(), null, List.of(), test.name(), false, test.faults(), faults,
                fetched * PAGE, wasted(present, test) * PAGE, 0, faults, clock), present, faulted);
    }

    /** A set installed before resume ({@code background} false) or while the guest runs. */
    private static Replay installed(String label, InstallPlan plan, boolean background, RestoreRun test,
            CostModel cost) {
        int limit = test.pageLimit();
        for (int e = 0; e < plan.extents(); e++) {
            limit = Math.max(limit, plan.start(e) + plan.length(e) + 1);
        }
        long[] planned = PageBits.create(limit);
        // (page << 32 | extent), sorted: when each planned page arrives is its extent's arrival
        long[] pageExtent = new long[(int) plan.pages()];
        long[] arrival = new long[plan.extents()];
        long bytes = 0;
        int n = 0;
        for (int e = 0; e < plan.extents(); e++) {
            bytes += plan.length(e) * PAGE;
            arrival[e] = background ? cost.transferNanos(bytes) : 0;
            for (int p = plan.start(e); p < plan.start(e) + plan.length(e); p++) {
                PageBits.set(planned, p);
                pageExtent[n++] = (long) p << 32 | e;
            }
        }
        Arrays.sort(pageExtent);
        long[] demanded = PageBits.create(limit);
        long clock = background ? 0 : cost.transferNanos(bytes);
        int faults = 0;
        for (int i = 0; i < test.faults(); i++) {
            clock += cost.workBefore(test, i);
            int p = test.page(i);
            int end = p + test.span(i);
            if (present(p, end, planned, demanded, pageExtent, arrival, clock)) {
                continue;
            }
            faults++;
            clock += cost.faultNanos();
            PageBits.setRange(demanded, p, end);
        }
        long fetched = 0;
        for (int w = 0; w < planned.length; w++) {
            planned[w] |= demanded[w];          // from here on: every page fetched
            fetched += Long.bitCount(planned[w]);
        }
        return new Replay(new Outcome(label, null, List.of(), test.name(), false, test.faults(), faults, fetched * PAGE,
                wasted(planned, test) * PAGE, plan.extents(), plan.extents() + faults, clock), planned, demanded);
    }

    private static boolean present(int from, int to, long[] planned, long[] demanded, long[] pageExtent,
            long[] arrival, long clock) {
        for (int p = from; p < to; p++) {
            if (PageBits.get(demanded, p)) {
                continue;
            }
            if (!PageBits.get(planned, p) || arrival[extentOf(pageExtent, p)] > clock) {
                return false;
            }
        }
        return true;
    }

    private static int extentOf(long[] pageExtent, int p) {
        int k = Arrays.binarySearch(pageExtent, (long) p << 32);
        return (int) pageExtent[k < 0 ? -k - 1 : k];
    }

    /** Pages fetched that the test run never touched. */
    private static long wasted(long[] present, RestoreRun test) {
        long[] touched = test.touchedBits();
        long n = 0;
        for (int w = 0; w < present.length; w++) {
            n += Long.bitCount(present[w] & ~(w < touched.length ? touched[w] : 0));
        }
        return n;
    }
}
