package org.uffdvisualizer.bench;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Selection;

/**
 * JMH micro-benchmarks of the grid's two hot paths on a synthetic guest (default 16 Mi pages =
 * 64 GiB; one process owning a quarter of it, at most 1 Mi pages, selected): a full rebuild (every page's class, as on a
 * selection change) and one replay frame (1,000 faults applied, the fitted overview brought up
 * to date and its dirty part painted into a 1400 x 850 view, as the window does).
 *
 * <pre>java -cp uffdvisualizer-bench.jar org.openjdk.jmh.Main GridBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
public class GridBenchmark {
    private static final int FAULTS_PER_FRAME = 1000;

    /** Guest frames (4 KiB pages). */
    @Param("16777216")
    public long frames;

    private PageGrid grid;
    private GridOverview overview;
    private BufferedImage view;
    private double fit;

    @Setup(Level.Trial)
    public void build() {
        Capture capture = SyntheticCapture.of(frames, (int) Math.min(1 << 20, frames / 4), 2_000_000, 42);
        grid = new PageGrid(capture, PageGrid.widthToFit(frames, RenderFigures.VIEW_W, RenderFigures.VIEW_H));
        grid.setSelection(Selection.ofSection(capture, 0));
        fit = Math.min((double) RenderFigures.VIEW_W / grid.width(), (double) RenderFigures.VIEW_H / grid.rows());
        overview = new GridOverview(grid, RenderFigures.overviewFactor(fit));
        view = new BufferedImage(RenderFigures.VIEW_W, RenderFigures.VIEW_H, BufferedImage.TYPE_INT_RGB);
    }

    /** Each measurement iteration replays from the start of the log. */
    @Setup(Level.Iteration)
    public void rewind() {
        grid.setCursor(0);
        overview.sync();
    }

    @Benchmark
    public PageGrid rebuild() {
        grid.rebuild();
        return grid;
    }

    @Benchmark
    public BufferedImage replayFrame() {
        int next = grid.cursor() + FAULTS_PER_FRAME;
        if (next > grid.capture().trace().faultCount()) {
            rewind();
            next = FAULTS_PER_FRAME;
        }
        Rectangle dirty = grid.setCursor(next);
        overview.sync();
        RenderFigures.paint(view, overview, fit, dirty);
        return view;
    }
}
