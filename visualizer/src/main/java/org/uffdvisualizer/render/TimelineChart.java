package org.uffdvisualizer.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The timeline chart of a restore (JFreeChart): faults per interval stacked by owner class in the
 * grid's colours, the MiB served so far on a second axis, and a cursor line at the replay
 * position. The window shows it under the replay bar; {@code chart} writes it as PNG or SVG.
 */
public final class TimelineChart {
    private final FaultTimeline timeline;
    private final JFreeChart chart;
    private final ValueMarker cursor;

    public TimelineChart(PageGrid grid) {
        this(grid, new FaultTimeline(grid));
    }

    /** The chart of {@code timeline}, computed beforehand from {@code grid} (the window has it made while loading). */
    public TimelineChart(PageGrid grid, FaultTimeline timeline) {
        this.timeline = timeline;
        DefaultTableXYDataset faults = new DefaultTableXYDataset();
        StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
        int shown = 0;
        for (int c = 0; c < timeline.classes().size(); c++) {
            XYSeries s = new XYSeries(timeline.classes().get(c), false, false);
            long total = 0;
            for (int b = 0; b < FaultTimeline.BINS; b++) {
                s.add(timeline.binStart(b), timeline.count(c, b));
                total += timeline.count(c, b);
            }
            if (total > 0) {
                faults.addSeries(s);
                areas.setSeriesPaint(shown++, new Color(grid.nmtCategories().classRgb(grid.palette(), timeline.pageClass(c))));
            }
        }
        XYSeries served = new XYSeries("MiB served", false, false);
        for (int b = 0; b < FaultTimeline.BINS; b++) {
            served.add(timeline.binStart(b), timeline.cumulativeMib(b));
        }
        NumberAxis x = new NumberAxis(timeline.byTime() ? "ms after the first fault" : "fault");
        NumberAxis y = new NumberAxis("faults per interval");
        XYPlot plot = new XYPlot(faults, x, y, areas);
        plot.setRangeAxis(1, new NumberAxis("MiB served"));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, grid.palette().isDark() ? Color.WHITE : Color.BLACK);
        // The renderer first: the stacked one cannot draw the line's dataset even for a moment.
        plot.setRenderer(1, line);
        plot.setDataset(1, new XYSeriesCollection(served));
        plot.mapDatasetToRangeAxis(1, 1);
        cursor = new ValueMarker(timeline.xOfCursor(grid.cursor()), Color.RED, new BasicStroke(1.5f));
        plot.addDomainMarker(cursor);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    public JFreeChart chart() {
        return chart;
    }

    public FaultTimeline timeline() {
        return timeline;
    }

    /** Moves the cursor line to a replay position. */
    public void setCursor(int faultsApplied) {
        cursor.setValue(timeline.xOfCursor(faultsApplied));
    }

    /** The x value of the cursor line. */
    public double cursorX() {
        return cursor.getValue();
    }

    /** Writes the chart as a PNG ({@code .png}) or SVG (any other name) of {@code width x height}, atomically. */
    public void write(Path target, int width, int height) throws IOException {
        ChartExport.write(chart, target, width, height);
    }
}
