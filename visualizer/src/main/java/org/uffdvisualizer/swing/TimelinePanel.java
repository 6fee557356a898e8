package org.uffdvisualizer.swing;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import javax.swing.JPanel;
import org.jfree.chart.ChartMouseEvent;
import org.jfree.chart.ChartMouseListener;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.plot.XYPlot;
import org.uffdvisualizer.render.TimelineChart;

/**
 * The timeline chart under the replay bar: its cursor follows the replay, and a click on it seeks
 * the replay to the clicked fault or time. Event Dispatch Thread only.
 */
public final class TimelinePanel extends JPanel {
    private static final long serialVersionUID = 1L;
    /** Its height when shown (a compile-time constant, so that reserving the room does not load the chart's classes). */
    static final int HEIGHT = 130;

    private transient CaptureSession session;
    private transient TimelineChart chart;
    private final ChartPanel panel = new ChartPanel(null, false, false, false, false, false);

    public TimelinePanel() {
        super(new BorderLayout());
        setName("timeline");
        panel.setName("timelineChart");
        panel.setMouseZoomable(false);
        panel.setPopupMenu(null);
        panel.setPreferredSize(new Dimension(400, HEIGHT));
        panel.setMinimumDrawHeight(60);
        panel.setMaximumDrawHeight(4000);
        panel.setMaximumDrawWidth(8000);
        panel.addChartMouseListener(new ChartMouseListener() {
            @Override
            public void chartMouseClicked(ChartMouseEvent e) {
                seekTo(e.getTrigger().getX());
            }

            @Override
            public void chartMouseMoved(ChartMouseEvent e) {
                // Only clicks seek.
            }
        });
        add(panel, BorderLayout.CENTER);
        setVisible(false);
    }

    /** Charts {@code s} (null or a capture without faults: hidden) from the data its load computed. */
    public void show(CaptureSession s) {
        ThreadGuard.uiThreadGuard();
        session = s;
        boolean any = s != null && s.grid().capture().trace().faultCount() > 0;
        chart = any ? new TimelineChart(s.grid(), s.timeline()) : null;
        panel.setChart(chart == null ? null : chart.chart());
        setVisible(any);
        revalidate();
    }

    /** After every replay move. */
    public void cursorChanged() {
        if (chart != null && session != null) {
            chart.setCursor(session.grid().cursor());
        }
    }

    /** The chart shown, for tests. */
    public TimelineChart chart() {
        return chart;
    }

    /** Seeks the replay to the position under component x {@code x}, if it is on the plot. */
    void seekTo(int x) {
        if (chart == null || session == null) {
            return;
        }
        Rectangle2D area = panel.getScreenDataArea();
        if (area == null || x < area.getMinX() || x > area.getMaxX()) {
            return;
        }
        XYPlot plot = chart.chart().getXYPlot();
        double value = plot.getDomainAxis().java2DToValue(x, area, plot.getDomainAxisEdge());
        session.replay().stop();
        session.replay().seek(chart.timeline().cursorAt(value));
    }

    /** The component x at which the plot shows {@code value}, for tests. */
    int xOf(double value) {
        Rectangle2D area = panel.getScreenDataArea();
        XYPlot plot = chart.chart().getXYPlot();
        return (int) Math.round(plot.getDomainAxis().valueToJava2D(value, area, plot.getDomainAxisEdge()));
    }

    ChartPanel chartPanel() {
        return panel;
    }
}
