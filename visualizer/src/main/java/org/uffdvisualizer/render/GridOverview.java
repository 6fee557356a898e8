package org.uffdvisualizer.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The grid zoomed out by a power of two: one pixel per {@code factor x factor} block of cells,
 * showing the most notable class in the block ({@link PageClass#notability}: a faulted page
 * beats a selected one, which beats an overlay, which beats a merely mapped page, then free RAM,
 * then holes). Plain downscaling would drop the one faulted page among sixteen; this keeps
 * sparse pages visible at any zoom.
 *
 * <p>{@link #sync()} follows the grid: a full pass (one read per frame) when the grid was
 * recomputed, otherwise only the frames of the selection change and the blocks of the faults the
 * cursor passed since the last call. Not thread-safe; use it on the thread that changes the grid.
 */
public final class GridOverview {
    /** Above this many faults between two syncs, one full pass is cheaper than block updates. */
    private static final int INCREMENTAL_LIMIT = 200_000;
    private final PageGrid grid;
    private final int shift;
    private final int width;
    private final int rows;
    private final BufferedImage image;
    private final int[] pixels;
    /** Per block: the class it shows, the most notable of its frames' (HOLE for blocks without frames). */
    private final byte[] shown;
    private int seenVersion = -1;
    private int seenSelection;
    private int seenCursor;

    /**
     * @param factor cells per pixel side, a power of two of at least 2
     */
    public GridOverview(PageGrid grid, int factor) {
        if (factor < 2 || Integer.bitCount(factor) != 1) {
            throw new IllegalArgumentException("factor must be a power of two >= 2: " + factor);
        }
        this.grid = grid;
        this.shift = Integer.numberOfTrailingZeros(factor);
        this.width = (grid.width() + factor - 1) >> shift;
        this.rows = (grid.rows() + factor - 1) >> shift;
        image = new BufferedImage(width, rows, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        shown = new byte[width * rows];
    }

    public PageGrid grid() {
        return grid;
    }

    public int factor() {
        return 1 << shift;
    }

    /** One pixel per block; block {@code (bx, by)} covers cells {@code [bx * factor, (bx + 1) * factor)}, likewise rows. */
    public BufferedImage image() {
        return image;
    }

    /**
     * Brings the image up to date with the grid.
     *
     * @return true if any pixel may have changed
     */
    public boolean sync() {
        if (seenVersion != grid.version() || Math.abs(grid.cursor() - seenCursor) > INCREMENTAL_LIMIT
                || grid.selectionVersion() - seenSelection > 1
                || grid.framesPerCell() > 1 && grid.selectionVersion() != seenSelection) {
            // Recomputed, or too many faults, or more than one selection change: which frames
            // changed is not known (or not worth knowing). With several frames per cell the
            // grid has that many times fewer cells, and a full pass is cheap.
            rebuildAll();
            seenVersion = grid.version();
            seenSelection = grid.selectionVersion();
            seenCursor = grid.cursor();
            return true;
        }
        boolean changed = false;
        if (seenSelection != grid.selectionVersion()) {
            followSelection(grid.previousSelection(), grid.selection());
            seenSelection = grid.selectionVersion();
            changed = true;
        }
        if (seenCursor == grid.cursor()) {
            return changed;
        }
        FaultTrace t = grid.capture().trace();
        int from = Math.min(seenCursor, grid.cursor());
        int to = Math.max(seenCursor, grid.cursor());
        for (int i = from; i < to; i++) {
            long pfn0 = t.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            for (int p = 0; p < t.pages(i); p++) {
                long f = pfn0 + p;
                if (f < grid.frameCount()) {
                    int cell = grid.cellOf(f);
                    updateBlock((cell % grid.width()) >> shift, (cell / grid.width()) >> shift);
                }
            }
        }
        seenCursor = grid.cursor();
        return true;
    }

    /**
     * Follows one selection change from {@code old} to {@code now}, reading only the frames that
     * changed, and whole blocks only where that cannot be avoided:
     * <ul>
     * <li>A frame joining the selection only gains rank (mapped or an overlay to selected, loaded
     *     to loaded-and-selected), so its block shows the higher of its class and what it showed.</li>
     * <li>A frame leaving loses rank, from a selected class (ranks 7, 8, 12; a zero-filled frame
     *     keeps its class). Its block is still right if it shows none of those classes (the frame
     *     was not its most notable), or if a frame joining it ranks at least as high as the
     *     block showed before: that frame now is the most notable. Otherwise the block is read
     *     again, once, at the end.</li>
     * </ul>
     */
    private void followSelection(Selection old, Selection now) {
        long[] was = old.frameWords();
        long[] is = now.frameWords();
        int gw = grid.width();
        int frames = grid.frameCount();
        long[] left = new long[(shown.length + 63) >>> 6];
        long[] covered = new long[left.length];
        // Frames ascend, so the row advances instead of being divided out of every frame.
        int row = 0;
        int rowStart = 0;
        int words = Math.min(Math.max(was.length, is.length), (frames + 63) >>> 6);
        // With rows a multiple of 64 frames wide (as widthToFit makes them), a word of frames lies
        // in one row and its frames leaving are marked a block at a time, not a frame at a time.
        boolean wordInRow = gw % 64 == 0;
        long blockMask = shift >= 6 ? -1L : (1L << (1 << shift)) - 1;
        for (int w = 0; w < words; w++) {
            long before = w < was.length ? was[w] : 0;
            long after = w < is.length ? is[w] : 0;
            long changed = before ^ after;
            if (changed == 0) {
                continue;
            }
            int f0 = w << 6;
            if (frames - f0 < 64) {
                changed &= (1L << (frames - f0)) - 1;
            }
            if (wordInRow) {
                while (f0 - rowStart >= gw) {
                    row++;
                    rowStart += gw;
                }
                int b0 = (row >> shift) * width + ((f0 - rowStart) >> shift);
                for (long leaving = changed & before; leaving != 0; ) {
                    int j = Long.numberOfTrailingZeros(leaving) >> shift;
                    int b = b0 + j;
                    left[b >>> 6] |= 1L << b;
                    leaving &= ~(blockMask << (j << shift));
                }
                for (long joined = changed & after; joined != 0; joined &= joined - 1) {
                    int bit = Long.numberOfTrailingZeros(joined);
                    join(b0 + (bit >> shift), f0 + bit, covered);
                }
                continue;
            }
            for (; changed != 0; changed &= changed - 1) {
                int f = f0 + Long.numberOfTrailingZeros(changed);
                while (f - rowStart >= gw) {
                    row++;
                    rowStart += gw;
                }
                int b = (row >> shift) * width + ((f - rowStart) >> shift);
                if ((after & (1L << f)) == 0) {
                    left[b >>> 6] |= 1L << b;
                } else {
                    join(b, f, covered);
                }
            }
        }
        for (int w = 0; w < left.length; w++) {
            long stale = left[w] & ~covered[w];
            for (long bits = stale; bits != 0; bits &= bits - 1) {
                int b = (w << 6) + Long.numberOfTrailingZeros(bits);
                byte c = shown[b];
                if (c != PageClass.SELECTED && c != PageClass.SELECTED_SHARED && c != PageClass.LOADED_SELECTED) {
                    stale &= ~(1L << b);
                }
            }
            left[w] = stale;
        }
        recompute(left);
    }

    /** Block {@code b} gets cell {@code cell} (one frame: selections follow only then), which joined the selection. */
    private void join(int b, int cell, long[] covered) {
        byte c = grid.cellClass(cell);
        if (PageClass.notability(c) >= PageClass.notability(shown[b])) {
            covered[b >>> 6] |= 1L << b;
            if (PageClass.notability(c) > PageClass.notability(shown[b])) {
                shown[b] = c;
                pixels[b] = grid.cellRgb(cell);
            }
        }
    }

    /**
     * Recomputes the blocks marked in {@code blocks}, one block row at a time and within it grid
     * row by grid row, so that the cells are read in address order as in {@link #rebuildAll()}.
     */
    private void recompute(long[] blocks) {
        int gw = grid.width();
        int factor = 1 << shift;
        int[] bestRank = new int[width];
        byte[] best = new byte[width];
        int[] bestCell = new int[width];
        for (int by = 0; by < rows; by++) {
            int first = by * width;
            int end = first + width;
            if (nextSet(blocks, first, end) < 0) {
                continue;
            }
            for (int y = by << shift, y1 = Math.min(grid.rows(), y + factor); y < y1; y++) {
                int rowStart = y * gw;
                for (int b = nextSet(blocks, first, end); b >= 0; b = nextSet(blocks, b + 1, end)) {
                    int bx = b - first;
                    int r = y == by << shift ? -1 : bestRank[bx];
                    byte c = y == by << shift ? PageClass.HOLE : best[bx];
                    if (y == by << shift) {
                        bestCell[bx] = -1;
                    }
                    for (int x = bx << shift, x1 = Math.min(gw, x + factor); x < x1; x++) {
                        byte cell = grid.cellClass(rowStart + x);
                        if (PageClass.notability(cell) > r) {
                            r = PageClass.notability(cell);
                            c = cell;
                            bestCell[bx] = rowStart + x;
                        }
                    }
                    bestRank[bx] = r;
                    best[bx] = c;
                }
            }
            for (int b = nextSet(blocks, first, end); b >= 0; b = nextSet(blocks, b + 1, end)) {
                shown[b] = best[b - first];
                pixels[b] = grid.cellRgb(bestCell[b - first]);
            }
        }
    }

    /** The first bit set in {@code bits} in {@code [from, to)}, or -1. */
    private static int nextSet(long[] bits, int from, int to) {
        int w = from >>> 6;
        if (from >= to) {
            return -1;
        }
        long word = bits[w] & (-1L << from);
        while (word == 0) {
            if (++w << 6 >= to) {
                return -1;
            }
            word = bits[w];
        }
        int b = (w << 6) + Long.numberOfTrailingZeros(word);
        return b < to ? b : -1;
    }

    private void rebuildAll() {
        int gw = grid.width();
        int cells = grid.cellCount();
        byte[] best = shown;
        int[] bestRank = new int[width * rows];
        int[] bestCell = new int[width * rows];
        java.util.Arrays.fill(bestRank, -1);
        for (int y = 0, cell = 0; y < grid.rows() && cell < cells; y++) {
            int rowBase = (y >> shift) * width;
            for (int x = 0; x < gw && cell < cells; x++, cell++) {
                int b = rowBase + (x >> shift);
                byte c = grid.cellClass(cell);
                int rank = PageClass.notability(c);
                if (rank > bestRank[b]) {
                    bestRank[b] = rank;
                    best[b] = c;
                    bestCell[b] = cell;
                }
            }
        }
        for (int b = 0; b < best.length; b++) {
            // Blocks only partly inside the grid (its last row) show holes where it has no cells.
            if (bestRank[b] < 0) {
                best[b] = PageClass.HOLE;
                bestCell[b] = -1;
            }
            pixels[b] = grid.cellRgb(bestCell[b]);
        }
    }

    private void updateBlock(int bx, int by) {
        int gw = grid.width();
        int factor = 1 << shift;
        byte best = PageClass.HOLE;
        int bestCell = -1;
        for (int y = by << shift, y1 = Math.min(grid.rows(), y + factor); y < y1; y++) {
            for (int x = bx << shift, x1 = Math.min(gw, x + factor); x < x1; x++) {
                byte c = grid.cellClass(y * gw + x);
                if (bestCell < 0 || PageClass.notability(c) > PageClass.notability(best)) {
                    best = c;
                    bestCell = y * gw + x;
                }
            }
        }
        shown[by * width + bx] = best;
        pixels[by * width + bx] = grid.cellRgb(bestCell);
    }
}
