package org.uffdvisualizer.bench;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PageGridRenderer;
import org.uffdvisualizer.render.RenderOptions;
import org.uffdvisualizer.render.Selection;

/**
 * The window's figures, headless, on the loaded capture (the way the window draws: a
 * {@link PageGrid} sized to fit a 1400 x 850 view, drawn through a {@link GridOverview}):
 * time to the first frame after loading, full-grid rebuild and fitted render, selecting the
 * largest process and the process nearest 4 M resident pages (and switching from the first to the
 * second), and replay frames per second at 1,000 faults per frame.
 */
final class RenderFigures {
    static final int VIEW_W = 1400;
    static final int VIEW_H = 850;
    private static final int FAULTS_PER_FRAME = 1000;
    /** Issue 5's selection target is about a process with 4 M resident pages. */
    private static final long TARGET_PAGES = 4_000_000;

    private RenderFigures() {
    }

    static void measure(Capture capture, StringBuilder out) {
        long frames = capture.physical().frameCount();
        long t0 = System.nanoTime();
        PageGrid grid = new PageGrid(capture, PageGrid.widthToFit(frames, VIEW_W, VIEW_H));
        double fit = Math.min((double) VIEW_W / grid.width(), (double) VIEW_H / grid.rows());
        int factor = overviewFactor(fit);
        BufferedImage view = new BufferedImage(VIEW_W, VIEW_H, BufferedImage.TYPE_INT_RGB);
        GridOverview overview = new GridOverview(grid, factor);
        paint(view, overview, fit, null);
        BenchProbe.put(out, "window.first.ns", System.nanoTime() - t0);

        long[] rebuild = new long[3];
        long[] render = new long[3];
        for (int i = 0; i < 3; i++) {
            long s = System.nanoTime();
            grid.rebuild();
            rebuild[i] = System.nanoTime() - s;
            s = System.nanoTime();
            GridOverview o = new GridOverview(grid, factor);
            paint(view, o, fit, null);
            render[i] = System.nanoTime() - s;
        }
        BenchProbe.put(out, "window.rebuild.ns", median(rebuild));
        BenchProbe.put(out, "window.render.ns", median(render));

        int largest = largestProcess(capture.mappings());
        if (largest >= 0) {
            measureSelect(capture, grid, overview, view, fit, -1, largest, "window.select", out);
        }
        int near = processNearest(capture.mappings(), TARGET_PAGES);
        if (near >= 0) {
            measureSelect(capture, grid, overview, view, fit, -1, near, "window.select4m", out);
        }
        if (largest >= 0 && near >= 0 && largest != near) {
            measureSelect(capture, grid, overview, view, fit, largest, near, "window.switch", out);
        }

        int faults = capture.trace().faultCount();
        if (faults >= FAULTS_PER_FRAME) {
            // Replay with the largest process selected, as the figures before the 4 M case were taken.
            grid.setSelection(largest >= 0 ? Selection.ofSection(capture, largest) : Selection.none());
            grid.setCursor(0);
            overview.sync();
            int done = 0;
            long s = System.nanoTime();
            for (int k = FAULTS_PER_FRAME; k <= faults; k += FAULTS_PER_FRAME) {
                Rectangle dirty = grid.setCursor(k);
                overview.sync();
                paint(view, overview, fit, dirty);
                done++;
            }
            BenchProbe.put(out, "window.replay.frames", done);
            BenchProbe.put(out, "window.replay.ns", System.nanoTime() - s);
        }
    }

    /**
     * Selects section {@code s} three times, each time from section {@code from} selected (or
     * nothing, for -1), as a click on the process does, and puts the median time of the whole (selection, recolour, overview sync, paint)
     * under {@code key.ns}, the median of each step under {@code key.build.ns},
     * {@code key.grid.ns}, {@code key.sync.ns} and {@code key.paint.ns}, and the section's
     * {@code p} lines under {@code key.pages}.
     */
    private static void measureSelect(Capture capture, PageGrid grid, GridOverview overview, BufferedImage view,
                                      double fit, int from, int s, String key, StringBuilder out) {
        int runs = 3;
        long[][] steps = new long[5][runs];
        for (int i = 0; i < runs; i++) {
            grid.setSelection(from < 0 ? Selection.none() : Selection.ofSection(capture, from));
            overview.sync();
            long t0 = System.nanoTime();
            Selection selection = Selection.ofSection(capture, s);
            long t1 = System.nanoTime();
            grid.setSelection(selection);
            long t2 = System.nanoTime();
            overview.sync();
            long t3 = System.nanoTime();
            paint(view, overview, fit, null);
            long t4 = System.nanoTime();
            steps[0][i] = t4 - t0;
            steps[1][i] = t1 - t0;
            steps[2][i] = t2 - t1;
            steps[3][i] = t3 - t2;
            steps[4][i] = t4 - t3;
        }
        BenchProbe.put(out, key + ".pages", capture.mappings().sectionEntryCount(s));
        BenchProbe.put(out, key + ".ns", median(steps[0]));
        BenchProbe.put(out, key + ".build.ns", median(steps[1]));
        BenchProbe.put(out, key + ".grid.ns", median(steps[2]));
        BenchProbe.put(out, key + ".sync.ns", median(steps[3]));
        BenchProbe.put(out, key + ".paint.ns", median(steps[4]));
    }

    /** Draws the fitted grid, clipped to the frames that changed when {@code dirty} is given. */
    static void paint(BufferedImage view, GridOverview overview, double fit, Rectangle dirty) {
        Graphics2D g = view.createGraphics();
        if (dirty != null) {
            g.setClip((int) (dirty.x * fit), (int) (dirty.y * fit), (int) Math.ceil(dirty.width * fit) + 1,
                    (int) Math.ceil(dirty.height * fit) + 1);
        }
        PageGridRenderer.paintOverview(g, overview, new RenderOptions(fit, 0, 0));
        g.dispose();
    }

    /** The overview's reduction: the smallest power of two at least 1 / fit (at least 2), as the window uses. */
    static int overviewFactor(double fit) {
        int need = (int) Math.ceil(1 / fit);
        int f = Integer.highestOneBit(Math.max(1, need));
        if (f < need) {
            f *= 2;
        }
        return Math.max(2, f);
    }

    private static int largestProcess(PageMappings m) {
        int best = -1;
        for (int s = 0; s < m.sectionCount(); s++) {
            if (m.sectionKind(s) == SectionKind.PROCESS && (best < 0 || m.sectionEntryCount(s) > m.sectionEntryCount(best))) {
                best = s;
            }
        }
        return best;
    }

    /** The process whose {@code p} line count is nearest {@code pages}, or -1 if there is none. */
    private static int processNearest(PageMappings m, long pages) {
        int best = -1;
        for (int s = 0; s < m.sectionCount(); s++) {
            if (m.sectionKind(s) == SectionKind.PROCESS && (best < 0
                    || Math.abs(m.sectionEntryCount(s) - pages) < Math.abs(m.sectionEntryCount(best) - pages))) {
                best = s;
            }
        }
        return best;
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[c.length / 2];
    }
}
