package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.FaultTimeline;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The timeline chart of sample-data/jvm17-default: {@code chart} writes it as PNG and SVG, and its
 * intervals hold every fault once, by owner class, with the cursor mapping back to the replay.
 */
class ChartCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesPngAndSvg() throws Exception {
        Path png = tmp.resolve("timeline.png");
        CliRun run = CliRun.of("chart", TestCaptures.jvm17Dir().toString(), "--size", "900x300", "--out", png.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(300);

        Path svg = tmp.resolve("timeline.svg");
        run = CliRun.of("chart", TestCaptures.jvm17Dir().toString(), "--out", svg.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String text = Files.readString(svg);
        assertThat(text).contains("<svg ").contains("MiB served").contains("Kernel").contains("NMT Java Heap");

        CliRun bad = CliRun.of("chart", TestCaptures.jvm17Dir().toString(), "--size", "big", "--out", svg.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--size takes WIDTHxHEIGHT");
    }

    @Test
    void timeIsCountedFromTheFirstFaultWhateverTheLogsOrigin() throws Exception {
        // The capture lab's trace counts from the host's boot (its first fault is at about 3,609 s):
        // the axis starts at the first fault, and the whole restore (about 9 s) spans it.
        Capture lab = org.uffdvisualizer.parse.CaptureLoader.load(org.uffdvisualizer.parse.CaptureFiles.inDirectory(
                TestCaptures.sampleDir("lab-jvm17-default")), org.uffdvisualizer.parse.CaptureLoader.Options.defaults(),
                org.uffdvisualizer.progress.ProgressListener.NONE).capture();
        FaultTimeline t = new FaultTimeline(new PageGrid(lab, 512));
        int n = lab.trace().faultCount();
        assertThat(t.byTime()).isTrue();
        assertThat(t.x(0)).isZero();
        assertThat(t.x(n - 1)).isEqualTo((lab.trace().nanos(n - 1) - lab.trace().nanos(0)) / 1e6)
                .isBetween(1_000.0, 60_000.0);
        assertThat(t.binStart(0)).isZero();
    }

    @Test
    void intervalsHoldEveryFaultOnceAndTheCursorMapsBack() throws Exception {
        Capture capture = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(capture, 2048);
        FaultTimeline t = new FaultTimeline(grid);
        long total = 0;
        long kernel = 0;
        for (int c = 0; c < t.classes().size(); c++) {
            for (int b = 0; b < FaultTimeline.BINS; b++) {
                total += t.count(c, b);
                kernel += t.classes().get(c).equals("Kernel") ? t.count(c, b) : 0;
            }
        }
        assertThat(total).isEqualTo(capture.trace().faultCount());
        // analyze: the kernel code's 4,620 pages are the first faults, in order.
        assertThat(kernel).isGreaterThanOrEqualTo(4_620);
        assertThat(t.count(0, 0)).isPositive();
        assertThat(t.byTime()).isFalse();
        for (int k : new int[] {1, 30_000, capture.trace().faultCount()}) {
            assertThat(t.cursorAt(t.xOfCursor(k))).isEqualTo(k);
        }
        assertThat(t.cumulativeMib(FaultTimeline.BINS - 1)).isEqualTo(capture.trace().faultCount() * 4096.0 / (1 << 20));
    }
}
