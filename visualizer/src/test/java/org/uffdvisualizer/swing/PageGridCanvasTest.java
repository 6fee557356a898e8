package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.SelectionBounds;
import org.uffdvisualizer.render.SelectionSpec;
import org.uffdvisualizer.render.TestCaptures;

/** The canvas's geometry and drawing, headless: cells at any zoom, HiDPI, zoom steps. */
class PageGridCanvasTest {

    private static BufferedImage paint(PageGridCanvas canvas, double deviceScale, int w, int h) {
        BufferedImage img = new BufferedImage((int) (w * deviceScale), (int) (h * deviceScale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(deviceScale, deviceScale);
        g.setClip(0, 0, w, h);
        canvas.setSize(w, h);
        canvas.paint(g);
        g.dispose();
        return img;
    }

    @Test
    void onAHiDpiScreenACellIsWholeDevicePixels() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(c, 512);
        grid.setCursor(c.trace().faultCount());
        PageGridCanvas canvas = new PageGridCanvas();
        canvas.setGrid(grid, 1);
        int frame = (int) (c.trace().physical(0) >>> PhysicalLayout.PAGE_SHIFT);
        Rectangle cell = canvas.cellBounds(frame);
        assertThat(cell.getSize()).isEqualTo(new java.awt.Dimension(1, 1));
        assertThat(canvas.frameAt(cell.getLocation())).isEqualTo(frame);
        BufferedImage img = paint(canvas, 2, 512, 512);
        int rgb = grid.palette().rgb(grid.classOf(frame));
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                assertThat(img.getRGB(cell.x * 2 + dx, cell.y * 2 + dy) & 0xffffff).isEqualTo(rgb);
            }
        }
    }

    @Test
    void zoomedOutAFaultedPageStillShows() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(c, 512);
        grid.setCursor(1);
        PageGridCanvas canvas = new PageGridCanvas();
        canvas.setGrid(grid, 1);
        for (int i = 0; i < 4; i++) {
            canvas.zoomOut();
        }
        assertThat(canvas.scale()).isEqualTo(1.0 / 4);
        int frame = (int) (c.trace().physical(0) >>> PhysicalLayout.PAGE_SHIFT);
        Rectangle cell = canvas.cellBounds(frame);
        BufferedImage img = paint(canvas, 1, 128, 128);
        assertThat(img.getRGB(cell.x, cell.y) & 0xffffff).isEqualTo(grid.palette().rgb(grid.classOf(frame)));
        assertThat(canvas.frameAt(new java.awt.Point(cell.x, cell.y)) / 512 / 4).isEqualTo(frame / 512 / 4);
        canvas.zoomIn();                      // 1/3 px per page: blocks of 4 drawn 1.33 px wide
        assertThat(canvas.scale()).isEqualTo(1.0 / 3);
        cell = canvas.cellBounds(frame);
        img = paint(canvas, 1, 180, 180);
        assertThat(img.getRGB(cell.x, cell.y) & 0xffffff).isEqualTo(grid.palette().rgb(grid.classOf(frame)));
    }

    /**
     * What a zoom left on the screen, read on the Event Dispatch Thread: the scale, the viewport's
     * view and where {@code cells} of the grid were drawn (null if none were asked for). The
     * canvas's methods are for that thread only; called from the test's, the view was left
     * unscrolled about once in 1,000 zooms (a Swing task on that thread raced with them).
     */
    private record Zoomed(double scale, Rectangle view, Rectangle shown) {
    }

    /**
     * {@code grid} in a scroll pane of {@code w x h}, zoomed by {@code zoom} and laid out again,
     * all on the Event Dispatch Thread; {@code cells}, if not null, are looked up after.
     */
    private static Zoomed zoomed(PageGrid grid, int w, int h, java.util.function.Consumer<PageGridCanvas> zoom,
                                 Rectangle cells) {
        return GuiActionRunner.execute(() -> {
            PageGridCanvas canvas = new PageGridCanvas();
            canvas.setGrid(grid, 1);
            javax.swing.JScrollPane sp = scrolled(canvas, w, h);
            zoom.accept(canvas);
            relayout(sp);
            return new Zoomed(canvas.scale(), sp.getViewport().getViewRect(),
                    cells == null ? null : pixelsOf(canvas, grid, cells));
        });
    }

    /** The canvas in a scroll pane of {@code w x h}, laid out as in the window. */
    private static javax.swing.JScrollPane scrolled(PageGridCanvas canvas, int w, int h) {
        javax.swing.JScrollPane sp = new javax.swing.JScrollPane(canvas);
        sp.setSize(w, h);
        sp.doLayout();
        sp.getViewport().doLayout();
        return sp;
    }

    /** Lays the scroll pane out again, as the window's revalidation does after a zoom (scroll bars come and go). */
    private static void relayout(javax.swing.JScrollPane sp) {
        sp.doLayout();
        sp.getViewport().doLayout();
    }

    /** The cells {@code cells} cover on the canvas, in component coordinates. */
    private static Rectangle pixelsOf(PageGridCanvas canvas, PageGrid grid, Rectangle cells) {
        Rectangle first = canvas.cellBounds((long) cells.y * grid.width() + cells.x);
        Rectangle last = canvas.cellBounds((long) (cells.y + cells.height - 1) * grid.width() + cells.x + cells.width - 1);
        return first.union(last);
    }

    @Test
    void zoomToASelectionInFewRowsFitsItsWidthToo() throws Exception {
        PageGrid grid = new PageGrid(TestCaptures.jvm17(), 512);
        // 100 cells in one row: fitting the height alone (600 px for one row) would cut them at the sides.
        Rectangle cells = new Rectangle(300, 200, 100, 1);
        Zoomed z = zoomed(grid, 800, 600, canvas -> canvas.zoomToCells(cells), cells);
        assertThat(z.scale()).isEqualTo(7.0);        // (800 - a vertical scroll bar) / 100 cells, whole pixels
        assertThat(z.view().contains(z.shown())).isTrue();
    }

    @Test
    void zoomToTheJavaHeapShowsAllOfItAsLargeAsItFits() throws Exception {
        var c = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(c, 512);
        grid.setSelection(SelectionSpec.resolve(c, TestCaptures.JVM17_PID + "/Java Heap"));
        Rectangle cells = SelectionBounds.of(grid);
        assertThat(cells).isNotNull();
        Zoomed z = zoomed(grid, 800, 600, canvas -> canvas.zoomToCells(cells), cells);
        Rectangle view = z.view();
        Rectangle shown = z.shown();
        assertThat(view.contains(shown)).as("%s inside %s", shown, view).isTrue();
        // As large as it fits: one step more (a whole pixel more from 1 px per cell up, as fit does) would not fit.
        double next = z.scale() >= 1 ? z.scale() + 1 : ZoomLevels.next(z.scale(), +1);
        assertThat(cells.width * next > view.width || cells.height * next > view.height).isTrue();
    }

    @Test
    void theSelectionBoundsLeaveOutOnlyStrayPages() throws Exception {
        var c = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(c, 512);
        grid.setSelection(SelectionSpec.resolve(c, TestCaptures.JVM17_PID + "/Java Heap"));
        Rectangle cells = SelectionBounds.of(grid);
        var m = c.mappings();
        int inside = 0;
        for (int i = 0; i < m.pageCount(); i++) {
            if (grid.selection().containsFrame(m.pagePfn(i)) && cells.contains(m.pagePfn(i) % 512, m.pagePfn(i) / 512)) {
                inside++;
            }
        }
        assertThat(inside).isGreaterThanOrEqualTo(grid.selection().pageCount() * 98 / 100);
        assertThat(SelectionBounds.of(new PageGrid(c, 512))).as("nothing selected: every owned page")
                .isNotNull();
    }

    @Test
    void zoomToAJvmSpreadOverWholeRowsShowsItsDensestPartAtThreePixelsACell() throws Exception {
        var c = TestCaptures.jvm17();
        PageGrid grid = new PageGrid(c, 2560);
        grid.setSelection(SelectionSpec.resolve(c, String.valueOf(TestCaptures.JVM17_PID)));
        // Its pages span whole rows of the grid: fitting them would make cells of a third of a pixel.
        assertThat(SelectionBounds.of(grid).width).as("the JVM's bounds").isEqualTo(grid.width());
        Zoomed z = zoomed(grid, 875, 830, PageGridCanvas::zoomToSelection, null);
        assertThat(z.scale()).isGreaterThanOrEqualTo(PageGridCanvas.MIN_SELECTION_PX);
        // The part shown holds at least as many of the JVM's pages as any other part of that size on a coarse raster.
        Rectangle view = z.view();
        Rectangle shownCells = new Rectangle((int) (view.x / z.scale()), (int) (view.y / z.scale()),
                (int) (view.width / z.scale()), (int) (view.height / z.scale()));
        int shown = selectedIn(grid, shownCells);
        assertThat(shown).isPositive();
        for (int y = 0; y + shownCells.height <= grid.rows(); y += shownCells.height / 2) {
            for (int x = 0; x + shownCells.width <= grid.width(); x += shownCells.width / 2) {
                Rectangle other = new Rectangle(x, y, shownCells.width, shownCells.height);
                assertThat(selectedIn(grid, other)).as("%s vs shown %s", other, shownCells).isLessThanOrEqualTo(shown);
            }
        }
    }

    private static int selectedIn(PageGrid grid, Rectangle cells) {
        int n = 0;
        for (int f = grid.selection().nextFrame(0); f >= 0; f = grid.selection().nextFrame(f + 1)) {
            int cell = grid.cellOf(f);
            if (cells.contains(cell % grid.width(), cell / grid.width())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void zoomLevelsStepUpAndDown() {
        assertThat(ZoomLevels.next(1, +1)).isEqualTo(1.5);
        assertThat(ZoomLevels.next(1, -1)).isEqualTo(2.0 / 3);
        assertThat(ZoomLevels.next(0.29, +1)).isEqualTo(1.0 / 3);
        assertThat(ZoomLevels.next(64, +1)).isEqualTo(64);
        assertThat(ZoomLevels.next(1.0 / 64, -1)).isEqualTo(1.0 / 64);
    }
}
