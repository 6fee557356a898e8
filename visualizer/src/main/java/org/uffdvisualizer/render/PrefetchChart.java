package org.uffdvisualizer.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.uffdvisualizer.prefetch.Outcome;
import org.uffdvisualizer.prefetch.PrefetchReport;

/**
 * The what-if chart (JFreeChart): per strategy, the demand faults it avoids (percent, up) against
 * the bytes it wastes (percent of those fetched, right), one series per scored run, each point
 * labelled with its strategy; dashed lines mark the goal (90% avoided, 25% wasted), so the
 * strategies worth having sit in the top-left corner.
 */
public final class PrefetchChart {
    /** Okabe-Ito colours: told apart with every common colour blindness. */
    private static final Color[] SERIES = {new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xCC79A7), new Color(0xE69F00)};

    private PrefetchChart() {
    }

    public static JFreeChart of(PrefetchReport report) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (String test : report.test()) {
            XYSeries s = new XYSeries("scored on " + test, false, true);
            for (Outcome o : report.outcomesOf(test)) {
                s.add(o.wastedPercent(), o.faultsAvoidedPercent());
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < report.test().size(); i++) {
            points.setSeriesPaint(i, SERIES[i % SERIES.length]);
        }
        points.setDefaultItemLabelGenerator(labels(report));
        points.setDefaultItemLabelsVisible(true);
        NumberAxis x = new NumberAxis("bytes wasted (% of fetched)");
        x.setRange(0, 100);
        NumberAxis y = new NumberAxis("demand faults avoided (%)");
        y.setRange(0, 105);
        XYPlot plot = new XYPlot(data, x, y, points);
        BasicStroke dashed = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f);
        plot.addRangeMarker(new ValueMarker(Outcome.GOAL_AVOIDED_PERCENT, Color.GRAY, dashed));
        plot.addDomainMarker(new ValueMarker(Outcome.GOAL_WASTED_PERCENT, Color.GRAY, dashed));
        String title = report.scoredOnTraining() ? "Scored on the training run (not held out)" : null;
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    /** Each point's strategy name, marked when restricted to a selection. */
    private static XYItemLabelGenerator labels(PrefetchReport report) {
        return (dataset, series, item) -> {
            List<Outcome> rows = report.outcomesOf(report.test().get(series));
            // the selection's own label can be a long process name: the table has it
            return item >= rows.size() ? null : rows.get(item).strategy() + (rows.get(item).selection() == null ? "" : " [sel.]");
        };
    }
}
