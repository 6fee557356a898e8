package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * A handler log whose last fault was written with an earlier time than the one before it (as
 * threads logging at once can): the timeline and the comparison chart still go forward in time.
 */
class OutOfOrderTimesTest {
    private static final Pattern TIME = Pattern.compile(" t=(\\d+)");

    @TempDir
    Path dir;

    /** jvm17-default's timed log with its last fault given the time of the fault half-way through. */
    private Capture lastFaultLoggedLate() throws Exception {
        Path sample = TestCaptures.jvm17Dir();
        List<String> lines;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(sample.resolve("uffd-extended.log.gz")))) {
            lines = new ArrayList<>(List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
        }
        List<Integer> faults = new ArrayList<>();
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).startsWith("UFFD_EVENT_PAGEFAULT")) {
                faults.add(k);
            }
        }
        Matcher middle = TIME.matcher(lines.get(faults.get(faults.size() / 2)));
        assertThat(middle.find()).isTrue();
        int last = faults.get(faults.size() - 1);
        lines.set(last, TIME.matcher(lines.get(last)).replaceFirst(" t=" + middle.group(1)));
        Path log = dir.resolve("uffd.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(log))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        CaptureFiles files = new CaptureFiles(sample.resolve("mem_mapping.txt.gz"), log,
                List.of(sample.resolve("nmt.txt.gz")));
        return CaptureLoader.load(files, CaptureLoader.Options.defaults(), ProgressListener.NONE).capture();
    }

    @Test
    void timelineAndComparisonChartNeverGoBackInTime() throws Exception {
        Capture c = lastFaultLoggedLate();
        int n = c.trace().faultCount();
        assertThat(c.trace().nanos(n - 1)).isLessThan(c.trace().nanos(n - 2));

        FaultTimeline timeline = new FaultTimeline(new PageGrid(c, GridOptions.defaults().withWidth(2048)));
        assertThat(timeline.byTime()).isTrue();
        assertThat(timeline.x(n - 1)).isEqualTo(timeline.x(n - 2));
        assertThat(timeline.cursorAt(timeline.xOfCursor(n))).isEqualTo(n);

        XYSeries faults = ComparisonCharts.cumulativeLines(new ComparisonCharts.Run("late", c), null, true)[0];
        for (int k = 1; k < faults.getItemCount(); k++) {
            assertThat(faults.getX(k).doubleValue()).as("point %d", k)
                    .isGreaterThanOrEqualTo(faults.getX(k - 1).doubleValue());
        }
    }
}
