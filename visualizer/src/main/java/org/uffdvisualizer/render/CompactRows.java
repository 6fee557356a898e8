package org.uffdvisualizer.render;

import java.awt.Rectangle;
import java.util.Arrays;
import java.util.BitSet;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.OwnedFrames;
import org.uffdvisualizer.model.PageMappings;

/**
 * The rows a compact view draws: only the rows that hold a page of the selection (or, with
 * nothing selected, a page with an owner or a fault), packed one after another, with one
 * separator row wherever rows were left out (before the first, between runs, after the last),
 * so that the eye sees the addresses jump. A 24 GiB guest with 600 MB in use then shows its
 * pages instead of mostly empty grey.
 *
 * <p>Whole rows, not 2 MiB blocks, are kept: a row reads left to right as one contiguous address
 * range, so one address in the gutter names it. A compact view's rows may be narrower than the
 * grid's ({@link #folded}: each grid row cut into {@code fold} rows of {@link #columns()} cells,
 * cells still in address order), so that the few rows kept fill the view instead of a thin band;
 * the grid's width is a multiple of 512 frames for large guests ({@link PageGrid#widthToFit}) and
 * folds keep rows whole multiples of 64 cells. Packing 2 MiB blocks instead would put unrelated
 * ranges side by side in one row and need an address per block.
 *
 * <p>Positions are in rows of {@link #columns()} cells: display row {@code d} is drawn at
 * {@code d * scale}. A zoomed-out view (unfolded only) draws overview pixels of {@code unit} rows
 * each ({@link #coarser}); a unit is kept when one of its rows is, and a separator is one unit
 * high. Memory: two ints per kept unit and one bit per 64 cells, nothing per page.
 */
public final class CompactRows {
    private final int gridWidth;
    private final int columns;       // cells per row: the grid's width / fold
    private final int unit;          // rows per kept unit (1, or an overview's factor)
    private final int units;         // units in the grid
    private final int[] kept;        // kept units, ascending
    private final int[] display;     // display unit of kept[i]
    private final int displayUnits;  // kept units and separators
    private final BitSet segments;   // cells kept, by segment
    private final int segment;       // cells per bit of segments: 64, or the grid's width if that is no multiple of 64

    private CompactRows(int gridWidth, int columns, int unit, int units, int[] kept, BitSet segments, int segment) {
        this.gridWidth = gridWidth;
        this.columns = columns;
        this.unit = unit;
        this.units = units;
        this.kept = kept;
        this.segments = segments;
        this.segment = segment;
        display = new int[kept.length];
        int d = 0;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != (i == 0 ? 0 : kept[i - 1] + 1)) {
                d++;                              // the separator before a jump
            }
            display[i] = d++;
        }
        displayUnits = d + (kept.length > 0 && kept[kept.length - 1] < units - 1 ? 1 : 0);
    }

    /**
     * The rows of {@code grid} (its own width) that hold a selected frame, or with nothing
     * selected a frame that someone owns or a fault served; all rows if there are none.
     */
    public static CompactRows of(PageGrid grid) {
        int segment = grid.width() % 64 == 0 ? 64 : grid.width();
        BitSet keep = new BitSet(grid.cellCount() / segment + 1);
        Selection s = grid.selection();
        if (!s.isEmpty()) {
            for (int f = s.nextFrame(0); f >= 0 && f < grid.frameCount(); f = s.nextFrame(f + 1)) {
                keep.set(grid.cellOf(f) / segment);
            }
        } else {
            PageMappings m = grid.capture().mappings();
            OwnedFrames owned = m.ownedFrames();
            for (int got = owned.fill(); got > 0; got = owned.fill()) {
                int[] frames = owned.frames();
                for (int j = 0; j < got; j++) {
                    markFrame(grid, keep, segment, frames[j]);
                }
            }
            FaultTrace t = grid.capture().trace();
            for (int k = 0; k < t.uniquePageCount(); k++) {
                markFrame(grid, keep, segment, t.faultedPfn(k));
            }
        }
        if (keep.isEmpty()) {
            keep.set(0, grid.cellCount() / segment + 1);
        }
        return build(grid.width(), grid.width(), grid.rows(), keep, segment);
    }

    private static void markFrame(PageGrid grid, BitSet keep, int segment, int f) {
        if (f >= 0 && f < grid.frameCount()) {
            keep.set(grid.cellOf(f) / segment);
        }
    }

    /** The rows of {@code columns} cells that hold a kept segment. */
    private static CompactRows build(int gridWidth, int columns, int rows, BitSet segments, int segment) {
        int perRow = columns / segment;
        int[] kept = segments.stream().map(b -> b / perRow).distinct().filter(r -> r < rows).toArray();
        return new CompactRows(gridWidth, columns, 1, rows, kept, segments, segment);
    }

    /** Whether the rows can be cut {@code fold} times (whole segments per row, the grid's width divisible). */
    public boolean canFold(int fold) {
        return fold >= 1 && unit == 1 && gridWidth % fold == 0 && (gridWidth / fold) % segment == 0;
    }

    /** The same selection in rows of {@code grid width / fold} cells; see {@link #canFold}. */
    public CompactRows folded(int fold) {
        if (!canFold(fold)) {
            throw new IllegalArgumentException("cannot cut rows of " + gridWidth + " cells " + fold + " times");
        }
        int cols = gridWidth / fold;
        int cells = units * columns;
        return fold == gridWidth / columns ? this : build(gridWidth, cols, (cells + cols - 1) / cols, segments, segment);
    }

    /**
     * The fold that shows these rows largest in a {@code width x height} view: the largest cells
     * (whole pixels from one up, as fit zooms), the widest rows among equals; folded rows only at
     * one pixel per cell or more, since a zoomed-out view draws whole grid rows.
     */
    public CompactRows foldedToFit(int width, int height) {
        CompactRows best = folded(1);
        double bestScale = 0;
        for (int k = 1; canFold(k); k *= 2) {
            CompactRows r = folded(k);
            double s = Math.min((double) width / r.columns, (double) height / r.displayRows());
            s = s >= 1 ? Math.floor(s) : s;
            if (k == 1 || s >= 1 && s > bestScale) {
                best = r;
                bestScale = s;
            }
        }
        return best;
    }

    /** The same rows for a view drawing {@code factor} rows per pixel row: a unit is kept if one of its rows is. */
    public CompactRows coarser(int factor) {
        if (factor <= 1 || unit != 1) {
            return this;
        }
        int[] coarse = Arrays.stream(kept).map(r -> r / factor).distinct().toArray();
        return new CompactRows(gridWidth, columns, factor, (units + factor - 1) / factor, coarse, segments, segment);
    }

    /** Cells per row. */
    public int columns() {
        return columns;
    }

    /** How many rows each grid row is cut into. */
    public int fold() {
        return gridWidth / columns;
    }

    /** Rows per unit. */
    public int unit() {
        return unit;
    }

    /** The height of the compact picture in rows: kept units and separators, each {@link #unit()} rows. */
    public int displayRows() {
        return displayUnits * unit;
    }

    /** Kept units: {@link #keptUnit(int)} for {@code i} below it. */
    public int keptCount() {
        return kept.length;
    }

    /** The {@code i}-th kept unit (units of {@link #unit()} rows of {@link #columns()} cells), ascending. */
    public int keptUnit(int i) {
        return kept[i];
    }

    /** The display unit at which the {@code i}-th kept unit is drawn. */
    public int displayUnit(int i) {
        return display[i];
    }

    /** Where row {@code row} (of {@link #columns()} cells) is drawn, in display rows; -1 if the compact view leaves it out. */
    public int displayRowOf(int row) {
        int i = row < 0 ? -1 : Arrays.binarySearch(kept, row / unit);
        return i < 0 ? -1 : display[i] * unit + row % unit;
    }

    /** The row (of {@link #columns()} cells) drawn at display row {@code d}; -1 for a separator or outside the picture. */
    public int rowAt(int d) {
        int i = d < 0 ? -1 : Arrays.binarySearch(display, d / unit);
        return i < 0 ? -1 : kept[i] * unit + d % unit;
    }

    /**
     * The display rows that show the grid rows of {@code cells} (grid columns and rows), from the
     * first kept row at or below its top to the last kept at or above its bottom, all columns if
     * rows are folded; null if none is kept.
     */
    public Rectangle toDisplay(Rectangle cells) {
        int fold = fold();
        int first = cells.y * fold;
        int last = (cells.y + cells.height) * fold - 1;
        int lo = Arrays.binarySearch(kept, first / unit);
        lo = lo >= 0 ? lo : -lo - 1;
        int hi = Arrays.binarySearch(kept, last / unit);
        hi = hi >= 0 ? hi : -hi - 2;
        if (lo > hi) {
            return null;
        }
        int top = displayRowOf(Math.max(first, kept[lo] * unit));
        int bottom = display[hi] * unit + Math.min(unit - 1, last - kept[hi] * unit);
        return fold == 1 ? new Rectangle(cells.x, top, cells.width, bottom - top + 1)
                : new Rectangle(0, top, columns, bottom - top + 1);
    }
}
