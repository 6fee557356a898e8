package org.uffdvisualizer.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTimes;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The charts of a comparison (JFreeChart, no Swing, so the command line can draw them too):
 * grouped bars per NMT category of the compared JVM, resident and uffd-loaded, one bar pair per
 * run; and the faults served so far over the restore, one line per run, counting only the
 * faults on the selection's pages when something is selected, or stacked by owner class, one
 * plot per run. Runs keep one colour in both
 * charts. Build on any single thread; the data pass is over each trace once.
 */
public final class ComparisonCharts {
    /** Points per line of the cumulative chart. */
    static final int POINTS = 200;
    private static final Color[] RUN_COLOURS = {new Color(0x3b6fb6), new Color(0xd9822b), new Color(0x3a9e5c),
        new Color(0xb63b7a), new Color(0x7a5cc4), new Color(0x8c6d31)};

    /** One compared capture and what it is called in the legends. */
    public record Run(String label, Capture capture) {
    }

    private ComparisonCharts() {
    }

    /** The colour of run {@code i} in both charts. */
    public static Color runColour(int i) {
        return RUN_COLOURS[i % RUN_COLOURS.length];
    }

    /**
     * Resident and uffd-loaded MiB per NMT category of each run's JVM (the one it opens with,
     * {@link FirstSight}), largest first; categories no run has pages of left out.
     */
    public static JFreeChart nmtBars(List<Run> runs) {
        Map<String, double[]> byCategory = new LinkedHashMap<>();
        for (int r = 0; r < runs.size(); r++) {
            NmtUsage u = nmtOf(runs.get(r).capture());
            for (int c = 0; u != null && c < u.map().categoryCount(); c++) {
                NmtUsage.CategoryTotals t = u.categoryTotals(c);
                double[] v = byCategory.computeIfAbsent(t.name(), k -> new double[runs.size() * 2]);
                v[2 * r] = t.residentBytes() / (1024.0 * 1024);
                v[2 * r + 1] = t.uffdBytes() / (1024.0 * 1024);
            }
        }
        List<Map.Entry<String, double[]>> rows = new ArrayList<>(byCategory.entrySet());
        rows.removeIf(e -> java.util.Arrays.stream(e.getValue()).allMatch(x -> x == 0));
        rows.sort((a, b) -> Double.compare(max(b.getValue()), max(a.getValue())));
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int r = 0; r < runs.size(); r++) {
            for (Map.Entry<String, double[]> e : rows) {
                data.addValue(e.getValue()[2 * r], runs.get(r).label() + " resident", e.getKey());
                data.addValue(e.getValue()[2 * r + 1], runs.get(r).label() + " uffd-loaded", e.getKey());
            }
        }
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.02);
        for (int r = 0; r < runs.size(); r++) {
            Color c = runColour(r);
            bars.setSeriesPaint(2 * r, new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            bars.setSeriesPaint(2 * r + 1, c);
        }
        CategoryAxis x = new CategoryAxis("NMT category");
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis("MiB"), bars);
        return new JFreeChart("Resident and uffd-loaded per NMT category", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /** The NMT of the JVM {@code c} opens with; null if it has none. */
    static NmtUsage nmtOf(Capture c) {
        int section = FirstSight.section(c);
        for (NmtUsage u : c.nmt()) {
            if (u.section() == section) {
                return u;
            }
        }
        return null;
    }

    /**
     * Faults served so far (left axis, solid) and MiB served so far (right axis, dashed) over the
     * share of the trace ({@code byTime} false) or the ms since each trace's first fault, one
     * line per run; with {@code selection} (per run, same order, null entries for none), only
     * the faults on the selected pages.
     */
    public static JFreeChart cumulative(List<Run> runs, List<Selection> selection, boolean byTime, String what) {
        XYSeriesCollection faults = new XYSeriesCollection();
        XYSeriesCollection mib = new XYSeriesCollection();
        for (int r = 0; r < runs.size(); r++) {
            XYSeries[] lines = cumulativeLines(runs.get(r), selection == null ? null : selection.get(r), byTime);
            faults.addSeries(lines[0]);
            mib.addSeries(lines[1]);
        }
        NumberAxis x = new NumberAxis(byTime ? "ms after the first fault" : "share of the trace");
        XYLineAndShapeRenderer solid = new XYLineAndShapeRenderer(true, false);
        XYLineAndShapeRenderer dashed = new XYLineAndShapeRenderer(true, false);
        for (int r = 0; r < runs.size(); r++) {
            solid.setSeriesPaint(r, runColour(r));
            solid.setSeriesStroke(r, new BasicStroke(2f));
            dashed.setSeriesPaint(r, runColour(r));
            dashed.setSeriesStroke(r, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        XYPlot plot = new XYPlot(faults, x, new NumberAxis("faults"), solid);
        plot.setRangeAxis(1, new NumberAxis("MiB served"));
        plot.setRenderer(1, dashed);
        plot.setDataset(1, mib);
        plot.mapDatasetToRangeAxis(1, 1);
        return new JFreeChart("Faults served so far" + (what == null ? "" : ": " + what), JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
    }

    /**
     * The faults served so far stacked by owner class (kernel, page cache, each NMT category, other
     * processes, nobody), one plot per run under one x axis: the share of each restore, cut into
     * the intervals of its {@link FaultTimeline} (of its faults, or of its time when the log has
     * times). {@code colours} are each run's class colours, in its timeline's class order.
     */
    public static JFreeChart cumulativeByOwner(List<Run> runs, List<FaultTimeline> timelines, List<int[]> colours) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis("share of the restore"));
        for (int r = 0; r < runs.size(); r++) {
            FaultTimeline t = timelines.get(r);
            DefaultTableXYDataset data = new DefaultTableXYDataset();
            StackedXYAreaRenderer2 areas = new StackedXYAreaRenderer2();
            for (int c = 0; c < t.classes().size(); c++) {
                XYSeries s = new XYSeries(t.classes().get(c), false, false);
                long sum = 0;
                s.add(0.0, 0);
                for (int b = 0; b < FaultTimeline.BINS; b++) {
                    sum += t.count(c, b);
                    s.add((b + 1) / (double) FaultTimeline.BINS, sum);
                }
                if (sum > 0) {
                    areas.setSeriesPaint(data.getSeriesCount(), new Color(colours.get(r)[c]));
                    data.addSeries(s);
                }
            }
            XYPlot plot = new XYPlot(data, null, new NumberAxis(runs.get(r).label() + " faults"), areas);
            combined.add(plot);
        }
        return new JFreeChart("Faults served so far by owner", JFreeChart.DEFAULT_TITLE_FONT, combined, false);
    }

    /** A run's faults and MiB so far at {@link #POINTS} places along its trace. */
    static XYSeries[] cumulativeLines(Run run, Selection selection, boolean byTime) {
        FaultTrace t = run.capture().trace();
        int n = t.faultCount();
        XYSeries faults = new XYSeries(run.label() + " faults", false, true);
        XYSeries mib = new XYSeries(run.label() + " MiB", false, true);
        FaultTimes times = FaultTimes.of(t);
        boolean time = byTime && times.known() && n > 1;
        long count = 0;
        long pages = 0;
        int next = 1;
        faults.add(0, 0);
        mib.add(0, 0);
        for (int i = 0; i < n; i++) {
            long pfn = t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            if (selection == null || pfn <= Integer.MAX_VALUE && selection.containsFrame((int) pfn)) {
                count++;
                pages += t.pages(i);
            }
            if (i == n - 1 || (long) (i + 1) * POINTS / n >= next) {
                double x = time ? times.msAfterFirst(i) : (i + 1) / (double) n;
                faults.add(x, count);
                mib.add(x, pages * (double) PhysicalLayout.PAGE_SIZE / (1024 * 1024));
                next = (int) ((long) (i + 1) * POINTS / n) + 1;
            }
        }
        return new XYSeries[] {faults, mib};
    }
}
