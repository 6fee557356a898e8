package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;

/**
 * The compact view's row map on sample-data/jvm17-default, a 24 GiB guest: the rows kept are
 * those the model says hold the selected JVM's pages (or, with nothing selected, any owned or
 * faulted page), computed here from the mapping dump's entries, not through {@link Selection};
 * they are packed with one separator row at every jump, and a pixel of a selected page drawn
 * through the compaction is found again at the place the test expects.
 */
class CompactRowsTest {
    private static final int WIDTH = 512;

    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        capture = TestCaptures.jvm17();
    }

    /** The rows of {@code width} frames that hold a page of the sections {@code sections} (all if empty), from the dump's entries. */
    private static TreeSet<Integer> rowsOfSections(PageGrid grid, int width, int... sections) {
        PageMappings m = capture.mappings();
        TreeSet<Integer> rows = new TreeSet<>();
        java.util.Set<Integer> wanted = new java.util.HashSet<>();
        for (int s : sections) {
            wanted.add(s);
        }
        for (int s = 0; s < m.sectionCount(); s++) {
            if (!wanted.isEmpty() && !wanted.contains(s)) {
                continue;
            }
            for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e++) {
                int pfn = m.entryPfn(e);
                if (pfn >= 0 && pfn < grid.frameCount()) {
                    rows.add(pfn / width);
                }
            }
        }
        return rows;
    }

    private static PageGrid jvmSelected() {
        PageGrid grid = new PageGrid(capture, WIDTH);
        grid.setSelection(Selection.ofSection(capture, capture.mappings().sectionOfPid(TestCaptures.JVM17_PID)));
        return grid;
    }

    /** Checks that {@code rows} keeps exactly {@code expected}, packed, with one separator before every jump and after the last. */
    private static void requirePacked(CompactRows rows, TreeSet<Integer> expected, int gridRows) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < rows.keptCount(); i++) {
            kept.add(rows.keptUnit(i));
        }
        assertThat(kept).containsExactlyElementsOf(expected);
        int d = 0;
        int previous = -1;
        for (int r : expected) {
            if (r != previous + 1) {
                assertThat(rows.rowAt(d)).as("separator before row %d", r).isEqualTo(-1);
                assertThat(rows.displayRowOf(r - 1)).as("row %d left out", r - 1).isEqualTo(-1);
                d++;
            }
            assertThat(rows.displayRowOf(r)).as("display row of %d", r).isEqualTo(d);
            assertThat(rows.rowAt(d)).isEqualTo(r);
            previous = r;
            d++;
        }
        if (previous < gridRows - 1) {
            assertThat(rows.rowAt(d)).as("separator after the last").isEqualTo(-1);
            d++;
        }
        assertThat(rows.displayRows()).isEqualTo(d);
        assertThat(rows.rowAt(d)).isEqualTo(-1);
    }

    @Test
    void theSelectedJvmsRowsArePackedWithASeparatorAtEveryJump() {
        PageGrid grid = jvmSelected();
        CompactRows rows = CompactRows.of(grid);
        TreeSet<Integer> expected = rowsOfSections(grid, WIDTH, capture.mappings().sectionOfPid(TestCaptures.JVM17_PID));
        requirePacked(rows, expected, grid.rows());
        // 24 GiB in 12,288 rows of 2 MiB; the JVM's pages (about 200 MB) lie in a small share of them.
        assertThat(grid.rows()).isGreaterThan(12_000);
        assertThat(rows.displayRows()).isLessThan(grid.rows() / 10);
    }

    @Test
    void withNothingSelectedEveryRowWithAnOwnedOrFaultedPageIsKept() {
        PageGrid grid = new PageGrid(capture, WIDTH);
        TreeSet<Integer> expected = rowsOfSections(grid, WIDTH);
        FaultTrace t = capture.trace();
        for (int i = 0; i < t.faultCount(); i++) {
            for (int p = 0; p < t.pages(i) && t.physical(i) >= 0; p++) {
                long pfn = (t.physical(i) >>> 12) + p;
                if (pfn < grid.frameCount()) {
                    expected.add((int) (pfn / WIDTH));
                }
            }
        }
        CompactRows rows = CompactRows.of(grid);
        requirePacked(rows, expected, grid.rows());
        assertThat(rows.displayRows()).isLessThan(grid.rows() / 2);
    }

    @Test
    void aSelectedPageIsDrawnAndFoundAgainThroughTheCompaction() {
        PageGrid grid = jvmSelected();
        CompactRows rows = CompactRows.of(grid);
        int scale = 3;
        CellPlacement at = new CellPlacement(grid, scale, 1, rows);
        BufferedImage img = new BufferedImage(WIDTH * scale, at.shownRows() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PageGridRenderer.paint(g, grid, at.options(1));
        g.dispose();

        // Expected place, from the independent list of rows: column, and the row's rank plus the separators before it.
        TreeSet<Integer> expected = rowsOfSections(grid, WIDTH, capture.mappings().sectionOfPid(TestCaptures.JVM17_PID));
        PageMappings m = capture.mappings();
        int s = m.sectionOfPid(TestCaptures.JVM17_PID);
        int checked = 0;
        for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e += 997) {
            int frame = m.entryPfn(e);
            int displayRow = TestCaptures.packedRow(expected, frame / WIDTH);
            Rectangle b = at.bounds(frame);
            assertThat(b).isEqualTo(new Rectangle(frame % WIDTH * scale, displayRow * scale, scale, scale));
            assertThat(img.getRGB(b.x + 1, b.y + 1) & 0xffffff).as("pixel of frame %d", frame)
                    .isEqualTo(grid.classRgb(grid.classOf(frame)))
                    .isIn(grid.classRgb(PageClass.SELECTED), grid.classRgb(PageClass.SELECTED_SHARED));
            assertThat(at.cellAt(b.x + 1, b.y + 1)).isEqualTo(grid.cellOf(frame));
            checked++;
        }
        assertThat(checked).isGreaterThan(20);

        // A separator row: nobody's cell, and a dashed line in the outline colour across it.
        int sep = 0;
        while (rows.rowAt(sep) >= 0) {
            sep++;
        }
        assertThat(at.cellAt(10, sep * scale + 1)).isEqualTo(-1);
        assertThat(img.getRGB(1, sep * scale + 1) & 0xffffff).isEqualTo(0x000000);
    }

    @Test
    void foldedRowsAreTheGridRowsCutInPartsInAddressOrder() {
        PageGrid grid = jvmSelected();
        int fold = 4;
        int columns = WIDTH / fold;
        CompactRows rows = CompactRows.of(grid).folded(fold);
        assertThat(rows.columns()).isEqualTo(columns);
        TreeSet<Integer> expected = rowsOfSections(grid, columns, capture.mappings().sectionOfPid(TestCaptures.JVM17_PID));
        requirePacked(rows, expected, grid.rows() * fold);

        int scale = 2;
        CellPlacement at = new CellPlacement(grid, scale, 1, rows);
        assertThat(at.columns()).isEqualTo(columns);
        BufferedImage img = new BufferedImage(columns * scale, at.shownRows() * scale, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        PageGridRenderer.paint(g, grid, at.options(1));
        g.dispose();
        PageMappings m = capture.mappings();
        int s = m.sectionOfPid(TestCaptures.JVM17_PID);
        for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e += 1999) {
            int frame = m.entryPfn(e);
            Rectangle b = at.bounds(frame);
            assertThat(b).isEqualTo(new Rectangle(frame % columns * scale, rows.displayRowOf(frame / columns) * scale,
                    scale, scale));
            assertThat(img.getRGB(b.x, b.y) & 0xffffff).as("pixel of frame %d", frame)
                    .isEqualTo(grid.classRgb(grid.classOf(frame)));
            assertThat(at.cellAt(b.x, b.y)).isEqualTo(grid.cellOf(frame));
        }
        // Fitting a wide, low view keeps whole rows; a narrow, tall one folds them.
        assertThat(CompactRows.of(grid).foldedToFit(WIDTH * 2, 400).fold()).isEqualTo(1);
        assertThat(CompactRows.of(grid).foldedToFit(WIDTH / 4, 100_000).fold()).isGreaterThan(1);
    }

    @Test
    void zoomedOutAnOverviewRowIsKeptWhenOneOfItsRowsIs() {
        PageGrid grid = jvmSelected();
        CompactRows rows = CompactRows.of(grid);
        CompactRows coarse = rows.coarser(4);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < rows.keptCount(); i++) {
            expected.add(rows.keptUnit(i) / 4);
        }
        assertThat(coarse.unit()).isEqualTo(4);
        assertThat(coarse.keptCount()).isEqualTo(expected.size());
        assertThat(coarse.displayRows() % 4).isZero();
        // Grid row r of a kept unit is drawn r % 4 rows into its unit, and found again there.
        int r = rows.keptUnit(rows.keptCount() / 2);
        int d = coarse.displayRowOf(r);
        assertThat(d % 4).isEqualTo(r % 4);
        assertThat(coarse.rowAt(d)).isEqualTo(r);
        CellPlacement at = new CellPlacement(grid, 0.25, 4, rows);
        long frame = (long) r * WIDTH + 100;
        Rectangle b = at.bounds(frame);
        assertThat(b.y).isEqualTo((int) Math.round(d / 4 * 4 * 0.25));
        assertThat(at.cellAt(b.x, b.y) / WIDTH / 4).isEqualTo(r / 4);
    }

    @Test
    void aRectangleOfGridRowsBecomesTheDisplayRowsThatShowThem() {
        PageGrid grid = jvmSelected();
        CompactRows rows = CompactRows.of(grid);
        int first = rows.keptUnit(0);
        int last = rows.keptUnit(rows.keptCount() - 1);
        Rectangle all = rows.toDisplay(new Rectangle(0, 0, WIDTH, grid.rows()));
        assertThat(all).isEqualTo(new Rectangle(0, rows.displayRowOf(first), WIDTH,
                rows.displayRowOf(last) - rows.displayRowOf(first) + 1));
        assertThat(rows.toDisplay(new Rectangle(0, last + 1, WIDTH, 1))).isNull();
    }
}
