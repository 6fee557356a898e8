package org.uffdvisualizer.bench;

import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PageGridRenderer;
import org.uffdvisualizer.render.RenderOptions;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.swing.PageGridCanvas;

/**
 * Measures the window's drawing on a synthetic guest (default 16 Mi pages = 64 GiB): full-grid
 * rebuild and render, and replay at 1,000 faults per frame, headless and (with a display) in a
 * real window. Prints the figures; not a test.
 *
 * <pre>java -cp uffdvisualizer-bench.jar org.uffdvisualizer.bench.WindowBenchmark [FRAMES [FAULTS [SECONDS]]]</pre>
 */
public final class WindowBenchmark {
    private static final int FAULTS_PER_FRAME = 1000;
    private static final int VIEW_W = RenderFigures.VIEW_W;
    private static final int VIEW_H = RenderFigures.VIEW_H;

    private WindowBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long frames = args.length > 0 ? Long.parseLong(args[0]) : 16L << 20;
        int faults = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        long t0 = System.nanoTime();
        Capture capture = SyntheticCapture.of(frames, 1 << 20, faults, 42);
        System.out.printf(Locale.ROOT, "synthetic capture: %,d frames (%,d GiB), %,d owned pages, %,d faults; built in %.0f ms%n",
                frames, frames >> 18, capture.mappings().pageCount(), faults, ms(System.nanoTime() - t0));
        System.out.printf(Locale.ROOT, "java %s, %s%n", System.getProperty("java.version"),
                GraphicsEnvironment.isHeadless() ? "headless" : "display " + System.getenv("DISPLAY"));

        PageGrid grid = new PageGrid(capture, PageGrid.widthToFit(frames, VIEW_W, VIEW_H));
        grid.setSelection(Selection.ofSection(capture, 0));
        System.out.printf(Locale.ROOT, "grid %d x %d pages%n", grid.width(), grid.rows());

        double[] rebuild = new double[5];
        for (int i = 0; i < rebuild.length; i++) {
            long s = System.nanoTime();
            grid.rebuild();
            rebuild[i] = ms(System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "full grid rebuild (class and pixel of every page, as on a selection change): %.1f ms (median of 5)%n",
                median(rebuild));

        double[] select = new double[5];
        for (int i = 0; i < select.length; i++) {
            long s = System.nanoTime();
            grid.setSelection(Selection.ofSection(capture, i % 2));
            select[i] = ms(System.nanoTime() - s);
        }
        grid.setSelection(Selection.ofSection(capture, 0));
        System.out.printf(Locale.ROOT, "select a process with %,d resident pages (selection + grid rebuild): %.1f ms (median of 5)%n",
                capture.mappings().sectionEntryCount(0), median(select));

        double[] full = new double[5];
        for (int i = 0; i < full.length; i++) {
            long s = System.nanoTime();
            GridSnapshot.of(grid, 1, false);
            full[i] = ms(System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "full grid render at 1 px per page (%d x %d image, as render --scale 1): %.1f ms (median of 5)%n",
                grid.width(), grid.rows(), median(full));

        double fit = Math.min((double) VIEW_W / grid.width(), (double) VIEW_H / grid.rows());
        int factor = RenderFigures.overviewFactor(fit);
        BufferedImage view = new BufferedImage(VIEW_W, VIEW_H, BufferedImage.TYPE_INT_RGB);
        double[] fitMs = new double[5];
        for (int i = 0; i < fitMs.length; i++) {
            long s = System.nanoTime();
            GridOverview o = new GridOverview(grid, factor);
            o.sync();
            RenderFigures.paint(view, o, fit, null);
            fitMs[i] = ms(System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "full grid render fitted into %d x %d (%.3f px per page, overview 1:%d built from every page): %.1f ms (median of 5)%n",
                VIEW_W, VIEW_H, fit, factor, median(fitMs));

        headlessReplay(grid, fit, factor, view);
        if (!GraphicsEnvironment.isHeadless()) {
            windowReplay(capture, seconds);
        }
        System.exit(0);
    }

    /** Replay frames drawn into an image the size of the window's grid area: move, update overview, paint. */
    private static void headlessReplay(PageGrid grid, double fit, int factor, BufferedImage view) {
        GridOverview o = new GridOverview(grid, factor);
        grid.setCursor(0);
        o.sync();
        int n = grid.capture().trace().faultCount();
        int framesDone = 0;
        long s = System.nanoTime();
        for (int k = FAULTS_PER_FRAME; k <= n; k += FAULTS_PER_FRAME) {
            Rectangle dirty = grid.setCursor(k);
            o.sync();
            RenderFigures.paint(view, o, fit, dirty);
            framesDone++;
        }
        double perFrame = ms(System.nanoTime() - s) / framesDone;
        System.out.printf(Locale.ROOT, "replay headless, %,d faults per frame, fitted view %d x %d: %.2f ms per frame = %.0f frames/s (%,d frames)%n",
                FAULTS_PER_FRAME, VIEW_W, VIEW_H, perFrame, 1000 / perFrame, framesDone);
        grid.setCursor(0);
        framesDone = 0;
        BufferedImage one = new BufferedImage(VIEW_W, VIEW_H, BufferedImage.TYPE_INT_RGB);
        s = System.nanoTime();
        for (int k = FAULTS_PER_FRAME; k <= n; k += FAULTS_PER_FRAME) {
            grid.setCursor(k);
            var g = one.createGraphics();
            PageGridRenderer.paint(g, grid, new RenderOptions(1, 0, 0));
            g.dispose();
            framesDone++;
        }
        perFrame = ms(System.nanoTime() - s) / framesDone;
        System.out.printf(Locale.ROOT, "replay headless, %,d faults per frame, 1 px per page, view %d x %d: %.2f ms per frame = %.0f frames/s%n",
                FAULTS_PER_FRAME, VIEW_W, VIEW_H, perFrame, 1000 / perFrame);
    }

    /**
     * A real window showing the grid fitted: a Swing timer applies 1,000 faults per tick and paints
     * the dirty area at once (paintImmediately + Toolkit.sync), so every counted frame is on screen.
     */
    private static void windowReplay(Capture capture, double seconds) throws Exception {
        CompletableFuture<String> result = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> {
            JFrame f = new JFrame("WindowBenchmark");
            PageGridCanvas canvas = new PageGridCanvas();
            JScrollPane scroll = new JScrollPane(canvas);
            scroll.setPreferredSize(new Dimension(VIEW_W, VIEW_H));
            f.add(scroll);
            f.pack();
            f.setVisible(true);
            PageGrid grid = new PageGrid(capture, PageGrid.widthToFit(capture.physical().frameCount(), VIEW_W, VIEW_H));
            grid.setSelection(Selection.ofSection(capture, 0));
            canvas.setGrid(grid, 1);
            scroll.getViewport().doLayout();
            canvas.fit();
            long[] start = new long[1];
            int[] ticks = new int[1];
            Timer timer = new Timer(1, null);
            timer.addActionListener(e -> {
                if (ticks[0] == 0) {
                    start[0] = System.nanoTime();
                }
                canvas.applyCursor(grid.cursor() + FAULTS_PER_FRAME);
                canvas.paintImmediately(canvas.getVisibleRect());
                Toolkit.getDefaultToolkit().sync();
                ticks[0]++;
                double elapsed = (System.nanoTime() - start[0]) / 1e9;
                if (elapsed >= seconds || grid.cursor() >= capture.trace().faultCount()) {
                    timer.stop();
                    result.complete(String.format(Locale.ROOT,
                            "replay in a window (%d x %d grid area, %.3f px per page), %,d faults per frame: %.0f frames/s"
                                    + " (%,d frames in %.1f s, cursor at %,d)",
                            scroll.getViewport().getWidth(), scroll.getViewport().getHeight(), canvas.scale(),
                            FAULTS_PER_FRAME, ticks[0] / elapsed, ticks[0], elapsed, grid.cursor()));
                    f.dispose();
                }
            });
            timer.setInitialDelay(500);
            timer.start();
        });
        System.out.println(result.get(120, TimeUnit.SECONDS));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
