package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.OrderScale;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.TestCaptures;

/**
 * {@code render --overlay order} on sample-data/jvm17-default with its timed log: the first
 * fault's page has the first colour of the scale, the last fault's the last, a fault in between
 * the colour of its time, and a page no fault served its owner colour dimmed.
 */
class RenderOrderOverlayTest {
    private static final int WIDTH = 2048;

    @TempDir
    static Path tmp;

    private static Capture capture;
    private static Path log;

    @BeforeAll
    static void load() throws Exception {
        log = TestCaptures.jvm17Dir().resolve("uffd-extended.log.gz");
        CaptureFiles dir = CaptureFiles.inDirectory(TestCaptures.jvm17Dir());
        capture = CaptureLoader.load(new CaptureFiles(dir.mappings(), log, dir.nmt()), CaptureLoader.Options.defaults(),
                ProgressListener.NONE).capture();
    }

    private static BufferedImage render(String at) throws Exception {
        Path out = tmp.resolve("order-" + at + ".png");
        CliRun run = CliRun.of("render", TestCaptures.jvm17Dir().toString(), "--uffd", log.toString(), "--overlay",
                "order,kernel", "--at", at, "--width", "" + WIDTH, "--scale", "1", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ImageIO.read(out.toFile());
    }

    private static int pixelOfFault(BufferedImage img, int fault) {
        long f = capture.trace().physical(fault) >>> PhysicalLayout.PAGE_SHIFT;
        return img.getRGB((int) (f % WIDTH), (int) (f / WIDTH)) & 0xffffff;
    }

    @Test
    void firstAndLastFaultHaveTheEndsOfTheScale() throws Exception {
        FaultTrace t = capture.trace();
        int last = t.faultCount() - 1;
        assertThat(t.hasTimestamps()).isTrue();
        BufferedImage img = render("end");

        assertThat(pixelOfFault(img, 0)).isEqualTo(OrderScale.rgb(0));
        assertThat(pixelOfFault(img, last)).isEqualTo(OrderScale.rgb(1));
        int mid = last / 2;
        double at = (double) (t.nanos(mid) - t.nanos(0)) / (t.nanos(last) - t.nanos(0));
        assertThat(pixelOfFault(img, mid)).isEqualTo(OrderScale.rgb(at));
        assertThat(OrderScale.rgb(0)).isNotEqualTo(OrderScale.rgb(1));
    }

    @Test
    void beforeTheFirstFaultOwnersAreDimmed() throws Exception {
        BufferedImage img = render("0");
        int kernel = pixelOfFault(img, 0);     // the first fault's page is kernel code, not yet faulted
        int full = Palette.LIGHT.rgb(PageClass.KERNEL);
        int background = Palette.LIGHT.rgb(PageClass.HOLE);
        assertThat(kernel).isNotEqualTo(full).isNotEqualTo(OrderScale.rgb(0));
        // Dimmed: each channel moved from the full colour towards the white background.
        for (int shift = 0; shift <= 16; shift += 8) {
            int c = (kernel >> shift) & 0xff;
            assertThat(c).isBetween((full >> shift) & 0xff, (background >> shift) & 0xff);
        }
    }
}
