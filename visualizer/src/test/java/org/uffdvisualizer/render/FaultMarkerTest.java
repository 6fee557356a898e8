package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The current-fault marker on sample-data/jvm17-default, drawn as the window draws it: a ring
 * around the page of the last fault applied, above the grid (the grid's image keeps the page's
 * colour), as wide at the opening zoom (a third of a pixel per page) as at one pixel per page.
 */
class FaultMarkerTest {
    private static final int WIDTH = 2048;
    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        capture = TestCaptures.jvm17();
    }

    private static BufferedImage paint(PageGrid grid, RenderOptions o, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setClip(0, 0, w, h);
        PageGridRenderer.paint(g, grid, o);
        FaultMarker.paint(g, grid, FaultMarker.currentFault(grid), o);
        g.dispose();
        return img;
    }

    private static boolean dark(int rgb) {
        return ((rgb >> 16) & 0xff) < 60 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60;
    }

    @Test
    void ringSurroundsThePageOfFaultKAndMovesWithTheReplay() {
        FaultTrace t = capture.trace();
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(WIDTH));
        int k = 30_000;
        grid.setCursor(k + 1);                          // fault k is the last one applied
        RenderOptions o = RenderOptions.at(1);
        BufferedImage img = paint(grid, o, WIDTH, grid.rows());
        long frame = t.physical(k) >>> PhysicalLayout.PAGE_SHIFT;
        int x = (int) (frame % WIDTH);
        int y = (int) (frame / WIDTH);
        int r = (int) Math.round(FaultMarker.radius(1));

        assertThat(dark(img.getRGB(x + r, y))).as("ring right of the page").isTrue();
        assertThat(dark(img.getRGB(x, y - r))).as("ring above the page").isTrue();
        // Hollow: the page itself shows its colour, and the grid's image was not drawn on.
        assertThat(img.getRGB(x, y) & 0xffffff).isEqualTo(grid.palette().rgb(grid.classOf((int) frame)));
        assertThat(grid.image().getRGB(x + r, y) & 0xffffff).isNotEqualTo(img.getRGB(x + r, y) & 0xffffff);

        grid.setCursor(k + 2);
        long next = t.physical(k + 1) >>> PhysicalLayout.PAGE_SHIFT;
        double[] c = FaultMarker.centre(grid, FaultMarker.currentFault(grid), o);
        assertThat(c).containsExactly(next % WIDTH + 0.5, next / WIDTH + 0.5);
    }

    @Test
    void atTheOpeningZoomTheRingIsStillSeveralPixelsWide() {
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(WIDTH));
        int k = 30_000;
        grid.setCursor(k + 1);
        RenderOptions third = new RenderOptions(1.0 / 3, 0, 0);
        double[] c = FaultMarker.centre(grid, k, third);
        BufferedImage img = new BufferedImage(WIDTH / 3 + 1, grid.rows() / 3 + 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.GRAY);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        FaultMarker.paint(g, grid, k, third);
        g.dispose();
        int r = FaultMarker.MIN_RADIUS;
        int cx = (int) c[0];
        int cy = (int) c[1];
        assertThat(dark(img.getRGB(cx + r, cy))).isTrue();
        assertThat(dark(img.getRGB(cx - r, cy))).isTrue();
        assertThat(FaultMarker.bounds(grid, k, third).width).isGreaterThanOrEqualTo(2 * r);
        assertThat(FaultMarker.centre(grid, -1, third)).isNull();
    }

    @Test
    void theStatusWordsNameTheFaultAndItsOwner() {
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(WIDTH));
        FaultTrace t = capture.trace();
        String first = CurrentFault.describe(grid, 0);
        assertThat(first).startsWith("now fault 1: " + String.format("%#x", t.physical(0)))
                .contains("loaded").contains("kernel (Kernel code)");
        // The last fault is a Java Heap page of the workload JVM (analyze: Java Heap's last fault).
        String last = CurrentFault.describe(grid, t.faultCount() - 1);
        assertThat(last).contains("pid " + TestCaptures.JVM17_PID).contains("NMT Java Heap");
        assertThat(CurrentFault.describe(grid, -1)).isEmpty();
    }
}
