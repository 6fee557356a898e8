package org.uffdvisualizer.render;

import java.awt.Rectangle;
import java.util.Arrays;
import java.util.BitSet;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;

/**
 * The rows a compact view draws: only the grid rows that hold a page of the selection (or, with
 * nothing selected, a page with an owner or a fault), packed one after another, with one
 * separator row wherever rows were left out (before the first, between runs, after the last),
 * so that the eye sees the addresses jump. A 24 GiB guest with 600 MB in use then shows its
 * pages instead of mostly empty grey.
 *
 * <p>Whole grid rows, not 2 MiB blocks, are kept: a row reads left to right as one contiguous
 * address range, so one address in the gutter names it, and the grid's width is a multiple of
 * 512 frames for large guests ({@link PageGrid#widthToFit}), so a row is itself a whole number
 * of 2 MiB blocks and huge pages are never cut. Packing 2 MiB blocks would put unrelated ranges
 * side by side in one row and need an address per block.
 *
 * <p>Positions are in grid rows: display row {@code d} is drawn at {@code d * scale}. A
 * zoomed-out view draws overview pixels of {@code unit} grid rows each ({@link #coarser}); then a
 * unit is kept when one of its rows is, and a separator is one unit high. Memory: two ints per
 * kept unit, nothing per page.
 */
public final class CompactRows {
    private final int unit;          // grid rows per kept unit (1, or an overview's factor)
    private final int units;         // units in the grid
    private final int[] kept;        // kept units, ascending
    private final int[] display;     // display unit of kept[i]
    private final int displayUnits;  // kept units and separators

    private CompactRows(int unit, int units, int[] kept) {
        this.unit = unit;
        this.units = units;
        this.kept = kept;
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
     * The rows of {@code grid} that hold a selected frame, or with nothing selected a frame that
     * someone owns or a fault served; all rows if there are none.
     */
    public static CompactRows of(PageGrid grid) {
        int rows = grid.rows();
        BitSet keep = new BitSet(rows);
        Selection s = grid.selection();
        if (!s.isEmpty()) {
            for (int f = s.nextFrame(0); f >= 0 && f < grid.frameCount(); f = s.nextFrame(f + 1)) {
                keep.set(rowOf(grid, f));
            }
        } else {
            PageMappings m = grid.capture().mappings();
            for (int i = 0; i < m.pageCount(); i++) {
                markFrame(grid, keep, m.pagePfn(i));
            }
            FaultTrace t = grid.capture().trace();
            for (int k = 0; k < t.uniquePageCount(); k++) {
                markFrame(grid, keep, t.faultedPfn(k));
            }
        }
        int[] kept = keep.isEmpty() ? java.util.stream.IntStream.range(0, rows).toArray() : keep.stream().toArray();
        return new CompactRows(1, rows, kept);
    }

    private static void markFrame(PageGrid grid, BitSet keep, int f) {
        if (f >= 0 && f < grid.frameCount()) {
            keep.set(rowOf(grid, f));
        }
    }

    private static int rowOf(PageGrid grid, int frame) {
        return grid.cellOf(frame) / grid.width();
    }

    /** The same rows for a view drawing {@code factor} grid rows per pixel row: a unit is kept if one of its rows is. */
    public CompactRows coarser(int factor) {
        if (factor <= 1 || unit != 1) {
            return this;
        }
        int[] coarse = Arrays.stream(kept).map(r -> r / factor).distinct().toArray();
        return new CompactRows(factor, (units + factor - 1) / factor, coarse);
    }

    /** Grid rows per unit. */
    public int unit() {
        return unit;
    }

    /** The height of the compact picture in grid rows: kept units and separators, each {@link #unit()} rows. */
    public int displayRows() {
        return displayUnits * unit;
    }

    /** Kept units: {@link #keptUnit(int)} for {@code i} below it. */
    public int keptCount() {
        return kept.length;
    }

    /** The {@code i}-th kept unit (units of {@link #unit()} grid rows), ascending. */
    public int keptUnit(int i) {
        return kept[i];
    }

    /** The display unit at which the {@code i}-th kept unit is drawn. */
    public int displayUnit(int i) {
        return display[i];
    }

    /** Where grid row {@code row} is drawn, in display rows; -1 if the compact view leaves it out. */
    public int displayRowOf(int row) {
        int i = row < 0 ? -1 : Arrays.binarySearch(kept, row / unit);
        return i < 0 ? -1 : display[i] * unit + row % unit;
    }

    /** The grid row drawn at display row {@code d}; -1 for a separator or outside the picture. */
    public int rowAt(int d) {
        int i = d < 0 ? -1 : Arrays.binarySearch(display, d / unit);
        return i < 0 ? -1 : kept[i] * unit + d % unit;
    }

    /**
     * The display rows that show the grid rows of {@code cells} (grid columns and rows), from the
     * first kept row at or below its top to the last kept at or above its bottom; null if none is kept.
     */
    public Rectangle toDisplay(Rectangle cells) {
        int lo = Arrays.binarySearch(kept, cells.y / unit);
        lo = lo >= 0 ? lo : -lo - 1;
        int hi = Arrays.binarySearch(kept, (cells.y + cells.height - 1) / unit);
        hi = hi >= 0 ? hi : -hi - 2;
        if (lo > hi) {
            return null;
        }
        int top = displayRowOf(Math.max(cells.y, kept[lo] * unit));
        int bottom = display[hi] * unit + Math.min(unit - 1, cells.y + cells.height - 1 - kept[hi] * unit);
        return new Rectangle(cells.x, top, cells.width, bottom - top + 1);
    }
}
