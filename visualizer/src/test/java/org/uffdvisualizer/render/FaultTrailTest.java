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
 * The fading trail on sample-data/jvm17-default at one pixel per page, drawn as the window draws
 * it: a trail of 3 at fault k marks the pages of faults k-1, k-2 and k-3 and not that of k-4, the
 * newest darkest; a trail of 0 draws nothing; the grid's image is never drawn on.
 */
class FaultTrailTest {
    private static final int WIDTH = 2048;
    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        capture = TestCaptures.jvm17();
    }

    private static long frame(int i) {
        return capture.trace().physical(i) >>> PhysicalLayout.PAGE_SHIFT;
    }

    /** A fault k from 30,000 on whose page and the pages of the 4 faults before it lie far apart, so no dot or ring covers another's page. */
    private static int spreadFault() {
        FaultTrace t = capture.trace();
        for (int k = 30_000; k < t.faultCount(); k++) {
            if (apart(k)) {
                return k;
            }
        }
        throw new AssertionError("no fault with its 4 predecessors far apart");
    }

    private static boolean apart(int k) {
        for (int a = k - 4; a <= k; a++) {
            for (int b = a + 1; b <= k; b++) {
                long dx = Math.abs(frame(a) % WIDTH - frame(b) % WIDTH);
                long dy = Math.abs(frame(a) / WIDTH - frame(b) / WIDTH);
                if (Math.max(dx, dy) < 24) {
                    return false;
                }
            }
        }
        return true;
    }

    private static BufferedImage paint(PageGrid grid, int trail) {
        BufferedImage img = new BufferedImage(WIDTH, grid.rows(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        RenderOptions o = RenderOptions.at(1);
        PageGridRenderer.paint(g, grid, o);
        FaultTrail.paint(g, grid, FaultMarker.currentFault(grid), trail, o);
        FaultMarker.paint(g, grid, FaultMarker.currentFault(grid), o);
        g.dispose();
        return img;
    }

    private static int shown(BufferedImage img, int i) {
        return img.getRGB((int) (frame(i) % WIDTH), (int) (frame(i) / WIDTH)) & 0xffffff;
    }

    private static int underneath(PageGrid grid, int i) {
        return grid.image().getRGB((int) (frame(i) % WIDTH), (int) (frame(i) / WIDTH)) & 0xffffff;
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
    }

    @Test
    void aTrailOfThreeMarksTheThreeFaultsBeforeTheCurrentOneNewestDarkest() {
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(WIDTH));
        int k = spreadFault();
        grid.setCursor(k + 1);                          // fault k is the current one
        BufferedImage img = paint(grid, 3);

        for (int i = k - 3; i < k; i++) {
            assertThat(shown(img, i)).as("page of fault %d marked", i).isNotEqualTo(underneath(grid, i));
            assertThat(underneath(grid, i)).as("grid image of fault %d untouched", i)
                    .isEqualTo(grid.palette().rgb(grid.classOf((int) frame(i))));
        }
        assertThat(shown(img, k - 4)).as("fault k-4 beyond the trail").isEqualTo(underneath(grid, k - 4));
        assertThat(shown(img, k)).as("the current fault is the marker's, hollow").isEqualTo(underneath(grid, k));
        assertThat(brightness(shown(img, k - 1))).as("newest darker than oldest")
                .isLessThan(brightness(shown(img, k - 3)));
        // What the window repaints when the replay moves: a small square around each dot's page.
        java.util.List<java.awt.Rectangle> areas = FaultTrail.bounds(grid, k, 3, RenderOptions.at(1));
        assertThat(areas).hasSize(3);
        for (int i = k - 3; i < k; i++) {
            java.awt.Rectangle r = areas.get(i - (k - 3));
            assertThat(r.contains((int) (frame(i) % WIDTH), (int) (frame(i) / WIDTH))).isTrue();
            assertThat(r.width).isLessThanOrEqualTo(12);
        }
    }

    @Test
    void aTrailOfZeroDrawsNothing() {
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(WIDTH));
        int k = spreadFault();
        grid.setCursor(k + 1);
        BufferedImage none = paint(grid, 0);
        BufferedImage markerOnly = new BufferedImage(WIDTH, grid.rows(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = markerOnly.createGraphics();
        PageGridRenderer.paint(g, grid, RenderOptions.at(1));
        FaultMarker.paint(g, grid, k, RenderOptions.at(1));
        g.dispose();
        for (int y = 0; y < grid.rows(); y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (none.getRGB(x, y) != markerOnly.getRGB(x, y)) {
                    throw new AssertionError("trail of 0 changed pixel " + x + "," + y);
                }
            }
        }
        assertThat(FaultTrail.bounds(grid, k, 0, RenderOptions.at(1))).isEmpty();
        assertThat(shown(none, k - 1)).isEqualTo(underneath(grid, k - 1));
    }
}
