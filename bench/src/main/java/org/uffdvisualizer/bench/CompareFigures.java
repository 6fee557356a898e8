package org.uffdvisualizer.bench;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparedRun;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.PageGrid;

/**
 * The comparison's figures, in a fresh JVM each: the owner-matched diff of two loaded captures
 * (the first, as the {@code compare} command meets it, and the median of three more), and
 * captures opened side by side as the window shows them (each loaded on its own thread, its grid
 * fitted to its share of a 1400 x 850 view and drawn through its overview): time, peak heap, heap
 * retained, peak RSS.
 */
final class CompareFigures {
    private static final int REPEATS = 3;

    private CompareFigures() {
    }

    static void diff(Path a, Path b, StringBuilder out) throws Exception {
        List<ComparedRun> runs = List.of(ComparedRun.of(BenchProbe.loadStrict(CaptureFiles.inDirectory(a))),
                ComparedRun.of(BenchProbe.loadStrict(CaptureFiles.inDirectory(b))));
        long t0 = System.nanoTime();
        CaptureComparison first = CaptureComparison.of(runs, 0);
        BenchProbe.put(out, "compare.first.ns", System.nanoTime() - t0);
        long[] ns = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long s = System.nanoTime();
            CaptureComparison.of(runs, 0);
            ns[i] = System.nanoTime() - s;
        }
        Arrays.sort(ns);
        BenchProbe.put(out, "compare.ns", ns[REPEATS / 2]);
        BenchProbe.put(out, "compare.faulted", first.faultedPages(0) + first.faultedPages(1));
        BenchProbe.put(out, "compare.entries", runs.get(0).capture().mappings().entryCount()
                + runs.get(1).capture().mappings().entryCount());
        BenchProbe.put(out, "compare.owners", first.overlaps().get(0).byOwner().size());
        BenchProbe.put(out, "compare.rows", first.rows().size());
        BenchProbe.put(out, "compare.jaccard", first.overlaps().get(0).overall().jaccard());
        BenchProbe.put(out, "compare.heap", first.heapBytes());
    }

    static void views(List<Path> dirs, StringBuilder out) throws Exception {
        BenchProbe.resetPeaks();
        long t0 = System.nanoTime();
        int viewWidth = RenderFigures.VIEW_W / dirs.size();
        // Each capture on its own thread, as each view of the window loads on its own worker.
        ExecutorService workers = Executors.newFixedThreadPool(dirs.size());
        List<Future<PageGrid>> loads = new ArrayList<>();
        for (Path d : dirs) {
            loads.add(workers.submit(() -> show(d, viewWidth)));
        }
        List<PageGrid> shown = new ArrayList<>();
        try {
            for (Future<PageGrid> f : loads) {
                shown.add(f.get());
            }
        } finally {
            workers.shutdown();
        }
        BenchProbe.put(out, "views.ns", System.nanoTime() - t0);
        BenchProbe.put(out, "views.count", shown.size());
        BenchProbe.put(out, "views.heap.peak", BenchProbe.peakHeap());
        BenchProbe.put(out, "views.heap.retained", BenchProbe.usedAfterGc());
        BenchProbe.put(out, "views.rss.peak", BenchProbe.vmHwm());
        // Keeps the grids reachable until the heap was measured, as the window keeps them.
        BenchProbe.put(out, "views.cells", shown.stream().mapToLong(PageGrid::cellCount).sum());
    }

    /** Loads one capture and draws its first frame into a view {@code viewWidth} wide. */
    private static PageGrid show(Path dir, int viewWidth) throws Exception {
        LoadedCapture loaded = BenchProbe.loadStrict(CaptureFiles.inDirectory(dir));
        long frames = loaded.capture().physical().frameCount();
        PageGrid grid = new PageGrid(loaded.capture(), PageGrid.widthToFit(frames, viewWidth, RenderFigures.VIEW_H));
        double fit = Math.min((double) viewWidth / grid.width(), (double) RenderFigures.VIEW_H / grid.rows());
        BufferedImage view = new BufferedImage(viewWidth, RenderFigures.VIEW_H, BufferedImage.TYPE_INT_RGB);
        RenderFigures.paint(view, new GridOverview(grid, RenderFigures.overviewFactor(fit)), fit, null);
        return grid;
    }
}
