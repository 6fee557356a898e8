package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.compare.NamedSelection;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;

/** The comparison charts' data, headless, against counts made here from the captures themselves. */
class ComparisonChartsTest {

    private static Capture thp() throws Exception {
        return CaptureLoader.load(TestCaptures.thpFiles(), CaptureLoader.Options.defaults(), ProgressListener.NONE)
                .capture();
    }

    @Test
    void cumulativeLinesEndAtEveryFaultAndTheSelectionsFaults() throws Exception {
        Capture c = TestCaptures.jvm17();
        FaultTrace t = c.trace();
        ComparisonCharts.Run run = new ComparisonCharts.Run("jvm17-default", c);
        XYSeries[] all = ComparisonCharts.cumulativeLines(run, null, false);
        assertThat(all[0].getItemCount()).isEqualTo(ComparisonCharts.POINTS + 1);
        assertThat(all[0].getX(all[0].getItemCount() - 1).doubleValue()).isEqualTo(1.0);
        assertThat(all[0].getY(all[0].getItemCount() - 1).longValue()).isEqualTo(t.faultCount());

        Selection heap = NamedSelection.of("Java Heap").resolve(c);
        long heapFaults = 0;
        long heapPages = 0;
        for (int i = 0; i < t.faultCount(); i++) {
            long pfn = t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            if (heap.containsFrame((int) pfn)) {
                heapFaults++;
                heapPages += t.pages(i);
            }
        }
        XYSeries[] onHeap = ComparisonCharts.cumulativeLines(run, heap, false);
        assertThat(heapFaults).isPositive();
        assertThat(onHeap[0].getY(onHeap[0].getItemCount() - 1).longValue()).isEqualTo(heapFaults);
        assertThat(onHeap[1].getY(onHeap[1].getItemCount() - 1).doubleValue()).isEqualTo(heapPages * 4096.0 / (1 << 20));
        // Never decreasing.
        for (int k = 1; k < onHeap[0].getItemCount(); k++) {
            assertThat(onHeap[0].getY(k).longValue()).isGreaterThanOrEqualTo(onHeap[0].getY(k - 1).longValue());
        }
    }

    @Test
    void stackedByOwnerEveryRunsFaultsAddUpInItsOwnPlot() throws Exception {
        List<ComparisonCharts.Run> runs = List.of(new ComparisonCharts.Run("default", TestCaptures.jvm17()),
                new ComparisonCharts.Run("thp", thp()));
        List<FaultTimeline> timelines = new java.util.ArrayList<>();
        List<int[]> colours = new java.util.ArrayList<>();
        for (ComparisonCharts.Run r : runs) {
            FaultTimeline t = new FaultTimeline(new PageGrid(r.capture(), GridOptions.defaults().withWidth(2048)));
            timelines.add(t);
            colours.add(new int[t.classes().size()]);
        }
        var plot = (org.jfree.chart.plot.CombinedDomainXYPlot) ComparisonCharts.cumulativeByOwner(runs, timelines, colours)
                .getPlot();
        assertThat(plot.getSubplots()).hasSize(2);
        for (int r = 0; r < 2; r++) {
            var data = ((org.jfree.chart.plot.XYPlot) plot.getSubplots().get(r)).getDataset();
            long total = 0;
            for (int s = 0; s < data.getSeriesCount(); s++) {
                total += data.getY(s, data.getItemCount(s) - 1).longValue();
            }
            assertThat(total).as("faults of run %d", r).isEqualTo(runs.get(r).capture().trace().faultCount());
        }
    }

    @Test
    void nmtBarsHoldEachRunsResidentAndUffdLoadedPerCategory() throws Exception {
        List<ComparisonCharts.Run> runs = List.of(new ComparisonCharts.Run("default", TestCaptures.jvm17()),
                new ComparisonCharts.Run("thp", thp()));
        CategoryDataset data = ((CategoryPlot) ComparisonCharts.nmtBars(runs).getPlot()).getDataset();
        for (ComparisonCharts.Run r : runs) {
            NmtUsage u = r.capture().nmt().get(0);
            for (int c = 0; c < u.map().categoryCount(); c++) {
                NmtUsage.CategoryTotals totals = u.categoryTotals(c);
                if (totals.name().equals("Java Heap")) {
                    assertThat(data.getValue(r.label() + " resident", "Java Heap").doubleValue())
                            .isEqualTo(totals.residentBytes() / (1024.0 * 1024));
                    assertThat(data.getValue(r.label() + " uffd-loaded", "Java Heap").doubleValue())
                            .isEqualTo(totals.uffdBytes() / (1024.0 * 1024));
                }
            }
        }
        // Largest first: the heap leads.
        assertThat(data.getColumnKey(0)).isEqualTo("Java Heap");
    }
}
