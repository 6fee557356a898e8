package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Rectangle;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * Cells of several pages (the original tool's {@code uffdVisualizer.pageSize}, e.g. 2 MiB): a
 * cell shows the most notable class among its frames, also while the replay moves and the
 * selection changes, on the real capture.
 */
class LargerCellsTest {
    private static final int HUGE = 512;           // 2 MiB / 4 KiB

    /** The most notable class among frames {@code [from, to)} of a one-frame-per-cell grid. */
    private static byte expectedCell(PageGrid pages, int from, int to) {
        byte best = pages.classOf(from);
        for (int f = from + 1; f < to; f++) {
            if (PageClass.notability(pages.classOf(f)) > PageClass.notability(best)) {
                best = pages.classOf(f);
            }
        }
        return best;
    }

    /** Every cell of {@code cells} against the frames of {@code pages}, a grid of one frame per cell in the same state. */
    private static void requireSameAggregate(PageGrid cells, PageGrid pages) {
        assertThat(cells.cellCount()).isEqualTo((pages.frameCount() + HUGE - 1) / HUGE);
        for (int c = 0; c < cells.cellCount(); c++) {
            int from = c * HUGE;
            byte expected = expectedCell(pages, from, Math.min(pages.frameCount(), from + HUGE));
            assertThat(cells.cellClass(c)).as("cell %d", c).isEqualTo(expected);
            assertThat(cells.image().getRGB(c % cells.width(), c / cells.width()) & 0xffffff).as("pixel of cell %d", c)
                    .isEqualTo(cells.nmtCategories().classRgb(cells.palette(), expected));
        }
    }

    @Test
    void notabilityOrdersFaultedOverSelectedOverOverlaysOverMappedOverFreeOverHoles() {
        byte[] ascending = {PageClass.HOLE, PageClass.FREE, PageClass.MAPPED, PageClass.SHARED, PageClass.PAGECACHE,
            PageClass.KERNEL, (byte) PageClass.NMT_FIRST, PageClass.SELECTED_SHARED, PageClass.SELECTED,
            PageClass.FAULTED_UNOWNED, PageClass.ZEROED, PageClass.LOADED, PageClass.LOADED_SELECTED};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(PageClass.moreNotable(ascending[i - 1], ascending[i])).isEqualTo(ascending[i]);
            assertThat(PageClass.moreNotable(ascending[i], ascending[i - 1])).isEqualTo(ascending[i]);
        }
    }

    @Test
    void aCellShowsTheMostNotableOfItsPagesThroughReplayAndSelection() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid pages = new PageGrid(c, GridOptions.defaults());
        PageGrid cells = new PageGrid(c, GridOptions.defaults().withFramesPerCell(HUGE));
        requireSameAggregate(cells, pages);
        for (PageGrid g : new PageGrid[] {pages, cells}) {
            g.setSelection(Selection.ofSection(c, c.mappings().sectionOfPid(TestCaptures.JVM17_PID)));
            g.setCursor(900);
        }
        requireSameAggregate(cells, pages);
        for (PageGrid g : new PageGrid[] {pages, cells}) {
            g.setCursor(300);                                // back: cells whose only fault is undone drop back
            g.setSelection(Selection.ofSection(c, c.mappings().sectionOfPid(0)));
            g.setOverlays(EnumSet.of(Overlay.NMT, Overlay.ZEROED));
        }
        requireSameAggregate(cells, pages);
    }

    @Test
    void movingTheCursorReportsTheCellsThatChanged() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid cells = new PageGrid(c, GridOptions.defaults().withWidth(64).withFramesPerCell(HUGE));
        int frame = (int) (c.trace().physical(0) >>> PhysicalLayout.PAGE_SHIFT);
        int cell = cells.cellOf(frame);
        assertThat(cell).isEqualTo(frame / HUGE);
        Rectangle dirty = cells.setCursor(1);
        assertThat(dirty).isEqualTo(new Rectangle(cell % 64, cell / 64, 1, 1));
        assertThat(PageClass.notability(cells.cellClass(cell))).isGreaterThanOrEqualTo(
                PageClass.notability(PageClass.FAULTED_UNOWNED));
        assertThat(cells.shownFrameOf(cell)).isEqualTo(frame);   // the one faulted page is what the cell shows
    }

    @Test
    void zoomedOutABlockOfCellsShowsTheMostNotableCell() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid cells = new PageGrid(c, GridOptions.defaults().withWidth(16).withFramesPerCell(HUGE));
        GridOverview overview = new GridOverview(cells, 2);
        overview.sync();
        cells.setCursor(c.trace().faultCount());          // followed block by block
        overview.sync();
        for (int by = 0; by < overview.image().getHeight(); by++) {
            for (int bx = 0; bx < overview.image().getWidth(); bx++) {
                byte best = PageClass.HOLE;
                for (int y = by * 2; y < by * 2 + 2; y++) {
                    for (int x = bx * 2; x < bx * 2 + 2; x++) {
                        best = PageClass.moreNotable(best, cells.cellClass(y * 16 + x));
                    }
                }
                assertThat(overview.image().getRGB(bx, by) & 0xffffff).as("block %d,%d", bx, by)
                        .isEqualTo(cells.nmtCategories().classRgb(cells.palette(), best));
            }
        }
    }

    @Test
    void aCellRangeCoversItsFramesAndCountsOwnedAndFaultedPages() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid cells = new PageGrid(c, GridOptions.defaults().withFramesPerCell(HUGE));
        cells.setCursor(c.trace().faultCount());
        CellRange one = CellRange.of(cells, 1);
        assertThat(one.headline()).isEqualTo("2 MiB cell: physical 0x200000-0x3fffff  PFN 0x200-0x3ff");
        long owned = 0;
        long faulted = 0;
        for (int cell = 0; cell < cells.cellCount(); cell++) {
            CellRange r = CellRange.of(cells, cell);
            owned += r.owned();
            faulted += r.faulted();
        }
        // Every owned page and every faulted page of the 24 GiB guest is counted in exactly one cell.
        assertThat(owned).isEqualTo(c.mappings().pageCount());
        assertThat(faulted).isEqualTo(c.trace().uniquePageCount());
    }

    @Test
    void aPageSizeMustBeAPowerOfTwoMultipleOf4096() {
        assertThat(PageGrid.framesPerCell(4096)).isEqualTo(1);
        assertThat(PageGrid.framesPerCell(2 << 20)).isEqualTo(512);
        assertThat(PageGrid.framesPerCell(1 << 30)).isEqualTo(1 << 18);
        for (long bad : new long[] {0, 2048, 6144, 3 << 20, 2L << 30}) {
            assertThatThrownBy(() -> PageGrid.framesPerCell(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("power of two from 4096");
        }
    }
}
