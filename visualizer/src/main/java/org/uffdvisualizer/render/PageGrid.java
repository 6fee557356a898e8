package org.uffdvisualizer.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Set;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.OwnedFrames;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The picture of one capture: every cell as one pixel of an image {@link #width()} cells wide
 * (cell {@code c} at column {@code c % width}, row {@code c / width}), coloured by its
 * {@link PageClass} under the current selection, overlays, palette and replay cursor. A cell is
 * one 4 KiB frame, or with {@link #framesPerCell()} above 1 (the original tool's
 * {@code uffdVisualizer.pageSize}, e.g. 2 MiB cells like huge pages) an aligned run of frames
 * that shows the most notable class among them ({@link PageClass#notability}), the rule the
 * zoomed-out {@link GridOverview} uses too. Classes are kept per frame in either case.
 * Moving the cursor rewrites only the frames of the faults passed and returns their cells' bounds.
 *
 * <p>Not thread-safe: the window uses it on the Event Dispatch Thread, the command line on its
 * main thread.
 */
public final class PageGrid {
    private final Capture capture;
    private final PageMappings mappings;
    private final FaultTrace trace;
    private final int frames;
    private final int cellShift;                 // log2 of frames per cell
    private final int cells;
    private final int width;
    private final int rows;
    private final PageClassifier rules;
    private final BufferedImage image;
    private final int[] pixels;
    private final byte[] classes;                // per frame: its PageClass; HOLE exactly outside RAM
    private final byte[] cellClasses;            // per cell: the class it shows (classes itself at one frame per cell)
    private final java.util.BitSet dirtyCells;   // cells whose frames changed, with several frames per cell; else null
    private int version;

    private Palette palette;
    private final CellColours colours;
    private Selection selection = Selection.none();
    private Selection previousSelection = Selection.none();
    private int selectionVersion;
    private int cursor;
    private long loadedSoFar;
    private long zeroedSoFar;
    private long bytesSoFar;
    private int selectedTouched;

    /** A grid of {@code width} cells per row (0: about square) with the {@link GridOptions#defaults() defaults}. */
    public PageGrid(Capture capture, int width) {
        this(capture, GridOptions.defaults().withWidth(width));
    }

    public PageGrid(Capture capture, GridOptions options) {
        int framesPerCell = options.framesPerCell();
        int width = options.width();
        long frameCount = options.frameCount();
        this.capture = capture;
        this.palette = options.palette();
        this.mappings = capture.mappings();
        this.trace = capture.trace();
        long count = frameCount > 0 ? frameCount : capture.physical().frameCount();
        if (count > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("address space too large for one grid: " + count + " frames");
        }
        frames = (int) count;
        cellShift = Integer.numberOfTrailingZeros(framesPerCell);
        cells = (int) (((long) frames + framesPerCell - 1) >> cellShift);
        this.width = width > 0 ? width : autoWidth(cells);
        rows = Math.max(1, (int) (((long) cells + this.width - 1) / this.width));
        rules = new PageClassifier(capture, options.overlays());
        colours = new CellColours(trace, rules.nmt(), palette, rules.has(Overlay.ORDER));
        image = new BufferedImage(this.width, rows, BufferedImage.TYPE_INT_RGB);
        pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        classes = new byte[this.frames];
        cellClasses = cellShift == 0 ? classes : new byte[cells];
        dirtyCells = cellShift == 0 ? null : new java.util.BitSet(cells);
        rebuild();
    }

    /**
     * The width that shows {@code frames} largest in a {@code viewWidth x viewHeight} area: a
     * multiple of 512 frames (2 MiB, so huge pages stay in one row) for large guests, of 64 for small ones.
     */
    public static int widthToFit(long frames, int viewWidth, int viewHeight) {
        if (viewWidth <= 0 || viewHeight <= 0) {
            return autoWidth(frames);
        }
        int step = frames >= 512L * 256 ? 512 : 64;
        int best = autoWidth(frames);
        double bestScale = 0;
        for (long w = step; w <= Math.max(step, frames) && w <= (1 << 16); w += step) {
            long rows = (frames + w - 1) / w;
            double s = Math.min((double) viewWidth / w, (double) viewHeight / rows);
            if (s > bestScale * 1.0001) {
                bestScale = s;
                best = (int) w;
            }
        }
        return best;
    }

    /**
     * The frames per cell for a cell size in bytes (the original tool's {@code uffdVisualizer.pageSize}).
     *
     * @throws IllegalArgumentException with a message for the user unless it is a power-of-two
     *         multiple of 4096 up to 1 GiB
     */
    public static int framesPerCell(long pageSizeBytes) {
        if (pageSizeBytes < PhysicalLayout.PAGE_SIZE || pageSizeBytes > (1L << 30) || Long.bitCount(pageSizeBytes) != 1) {
            throw new IllegalArgumentException("the page size must be a power of two from 4096 (4 KiB) to 1073741824"
                    + " (1 GiB), e.g. 2097152 for one cell per 2 MiB, not " + pageSizeBytes);
        }
        return (int) (pageSizeBytes >>> PhysicalLayout.PAGE_SHIFT);
    }

    /** A power-of-two width that makes the grid about square (at least 64). */
    public static int autoWidth(long frames) {
        int w = 64;
        while ((long) w * w < frames) {
            w <<= 1;
        }
        return w;
    }

    // ---- what is shown

    public void setPalette(Palette p) {
        if (p == palette) {
            return;
        }
        palette = p;
        colours.set(p, rules.has(Overlay.ORDER));
        rebuild();
    }

    public Palette palette() {
        return palette;
    }

    public void setOverlays(Set<Overlay> o) {
        if (rules.setOverlays(o)) {
            colours.set(palette, rules.has(Overlay.ORDER));
            rebuild();
        }
    }

    public Set<Overlay> overlays() {
        return rules.overlays();
    }

    /**
     * Selects other pages. Only the frames leaving or joining the selection are recoloured (a
     * whole rebuild of a 64 M frame grid would cost a quarter of a second); those in both keep
     * their colour.
     */
    public void setSelection(Selection s) {
        Selection old = selection;
        selection = s;
        previousSelection = old;
        selectedTouched = countSelectedTouched();
        recolorChanged(old.frameWords(), s.frameWords());
        selectionVersion++;
    }

    /**
     * Recomputes the frames selected in exactly one of {@code old} and {@code now}. They come in
     * ascending order, as do the faulted frames: one merge walk finds each one's first fault,
     * where a search per frame would cost more than the recolouring (4 M frames, 200,000
     * faulted).
     */
    private void recolorChanged(long[] old, long[] now) {
        int faulted = trace.uniquePageCount();
        int k = 0;
        int words = Math.min(Math.max(old.length, now.length), (frames + 63) >>> 6);
        for (int w = 0; w < words; w++) {
            long changed = (w < old.length ? old[w] : 0) ^ (w < now.length ? now[w] : 0);
            for (; changed != 0; changed &= changed - 1) {
                int f = (w << 6) + Long.numberOfTrailingZeros(changed);
                if (f >= frames) {
                    break;
                }
                while (k < faulted && trace.faultedPfn(k) < f) {
                    k++;
                }
                int first = k < faulted && trace.faultedPfn(k) == f ? trace.firstFault(k) : -1;
                byte c = classOf(f, mappings.pageIndex(f), first);
                classes[f] = c;
                if (dirtyCells == null) {
                    pixels[f] = colours.rgb(c, first);
                } else {
                    dirtyCells.set(f >> cellShift);
                }
            }
        }
        // Each changed cell once: a selection of a million pages in 2 MiB cells touches each cell many times.
        refreshDirtyCells();
    }

    /** Recomputes the cells marked in {@link #dirtyCells} and unmarks them. */
    private void refreshDirtyCells() {
        if (dirtyCells != null) {
            for (int cell = dirtyCells.nextSetBit(0); cell >= 0; cell = dirtyCells.nextSetBit(cell + 1)) {
                refreshCell(cell);
                dirtyCells.clear(cell);
            }
        }
    }

    /** Recomputes the class and pixel of a cell of several frames from its frames' classes. */
    private void refreshCell(int cell) {
        int from = cell << cellShift;
        int to = Math.min(frames, from + (1 << cellShift));
        byte best = classes[from];
        for (int f = from + 1; f < to; f++) {
            best = PageClass.moreNotable(best, classes[f]);
        }
        cellClasses[cell] = best;
        pixels[cell] = colours.byOrder() && CellColours.isFaulted(best)
                ? colours.rgb(best, trace.firstFaultOf(shownFrameOf(cell))) : colours.rgb(best);
    }

    public Selection selection() {
        return selection;
    }

    /**
     * Moves the replay so that faults {@code [0, k)} are applied.
     *
     * @return the cells that changed, in grid coordinates (column, row), or null if none did
     */
    public Rectangle setCursor(int k) {
        int target = Math.max(0, Math.min(k, trace.faultCount()));
        if (target == cursor) {
            return null;
        }
        int from = Math.min(cursor, target);
        int to = Math.max(cursor, target);
        int sign = target > cursor ? 1 : -1;
        cursor = target;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        // Several frames per cell: each touched cell is recomputed once, after all its frames changed.
        for (int i = from; i < to; i++) {
            countFault(i, sign);
            long pfn0 = trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            for (int p = 0; p < trace.pages(i); p++) {
                long f = pfn0 + p;
                if (f >= frames) {
                    continue;
                }
                int frame = (int) f;
                int first = trace.firstFaultOf(frame);
                byte c = classOf(frame, mappings.pageIndex(frame), first);
                classes[frame] = c;
                int cell = frame >> cellShift;
                if (dirtyCells == null) {
                    pixels[frame] = colours.rgb(c, first);
                } else {
                    dirtyCells.set(cell);
                }
                int x = cell % width;
                int y = cell / width;
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        refreshDirtyCells();
        return maxX < 0 ? null : new Rectangle(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }

    private void countFault(int i, int sign) {
        if (trace.isZeroed(i)) {
            zeroedSoFar += sign;
        } else {
            loadedSoFar += sign;
        }
        bytesSoFar += sign * (long) trace.pages(i) * PhysicalLayout.PAGE_SIZE;
        if (selection.isEmpty()) {
            return;
        }
        long pfn0 = trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
        for (int p = 0; p < trace.pages(i); p++) {
            long f = pfn0 + p;
            if (f <= Integer.MAX_VALUE && trace.firstFaultOf((int) f) == i && selection.containsFrame((int) f)) {
                selectedTouched += sign;          // the selected frame's first touch
            }
        }
    }

    private int countSelectedTouched() {
        int n = 0;
        if (selection.isEmpty()) {
            return 0;
        }
        for (int k = 0; k < trace.uniquePageCount(); k++) {
            if (trace.firstFault(k) < cursor && selection.containsFrame(trace.faultedPfn(k))) {
                n++;
            }
        }
        return n;
    }

    /**
     * Recomputes every frame: holes and free RAM by ranges, then only the owned and the faulted
     * frames one by one, so the cost is one fill of the image plus the pages the capture has.
     */
    public void rebuild() {
        java.util.Arrays.fill(classes, PageClass.HOLE);
        PhysicalLayout physical = capture.physical();
        for (int r = 0; r < physical.ramRangeCount(); r++) {
            long from = physical.ramRangeStart(r) >>> PhysicalLayout.PAGE_SHIFT;
            long to = Math.min(frames, (physical.ramRangeEnd(r) + PhysicalLayout.PAGE_SIZE - 1) >>> PhysicalLayout.PAGE_SHIFT);
            if (from < to) {
                java.util.Arrays.fill(classes, (int) from, (int) to, PageClass.FREE);
            }
        }
        classifyOwned();
        for (int k = 0, n = trace.uniquePageCount(); k < n; k++) {
            int f = trace.faultedPfn(k);
            if (f >= 0 && f < frames && classes[f] != PageClass.HOLE && trace.firstFault(k) < cursor) {
                classes[f] = classOf(f, mappings.pageIndex(f), trace.firstFault(k));
            }
        }
        int[] rgb = new int[PageClass.COUNT];
        for (int c = 0; c < rgb.length; c++) {
            rgb[c] = colours.rgb(c);
        }
        if (cellShift == 0) {
            for (int f = 0; f < frames; f++) {
                pixels[f] = rgb[classes[f]];
            }
            for (int k = 0, n = colours.byOrder() ? trace.uniquePageCount() : 0; k < n; k++) {
                int f = trace.faultedPfn(k);
                if (f >= 0 && f < frames) {
                    pixels[f] = colours.rgb(classes[f], trace.firstFault(k));
                }
            }
        } else {
            for (int cell = 0; cell < cells; cell++) {
                refreshCell(cell);
            }
        }
        java.util.Arrays.fill(pixels, cells, pixels.length, rgb[PageClass.HOLE]);
        version++;
    }

    /** The class of frame {@code f}, given its owned-page index and first fault (or -1 for none). */
    private byte classOf(int f, int pageIndex, int firstFault) {
        if (f >= frames || classes[f] == PageClass.HOLE) {    // rebuild() marked what is not RAM
            return PageClass.HOLE;
        }
        return rules.classify(pageIndex, firstFault, cursor, selection.containsFrame(f));
    }

    /**
     * Classifies every owned frame (page {@code i} the i-th), the frames taken a batch at a time:
     * with a {@code nextOwnedFrame} call per frame the whole rebuild of a 64 GiB guest (13 M
     * pages) took 62-92 ms, with batches 40-46 (45-47 when the pages' frames were an array).
     */
    private void classifyOwned() {
        OwnedFrames owned = mappings.ownedFrames();
        for (int n = owned.fill(), i = 0; n > 0; n = owned.fill()) {
            int[] owner = owned.frames();
            for (int k = 0; k < n; k++, i++) {
                int f = owner[k];
                if (f < frames && classes[f] != PageClass.HOLE) {
                    classes[f] = classOf(f, i, -1);
                }
            }
        }
    }

    /** The class frame {@code f} has now (at one frame per cell: what its cell shows). */
    public byte classOf(int f) {
        return f >= 0 && f < frames ? classes[f] : PageClass.HOLE;
    }

    /** The class cell {@code cell} shows now: the most notable of its frames' classes. */
    public byte cellClass(int cell) {
        return cell >= 0 && cell < cells ? cellClasses[cell] : PageClass.HOLE;
    }

    /** The colour cell {@code cell} has in {@link #image()}; the background for a cell outside the grid. */
    public int cellRgb(int cell) {
        return cell >= 0 && cell < cells ? pixels[cell] : colours.rgb(PageClass.HOLE);
    }

    /** The colour of class {@code c} for a frame no fault served (dimmed under the fault-order overlay). */
    public int classRgb(int c) {
        return colours.rgb(c);
    }

    /** The cell that shows frame {@code f}. */
    public int cellOf(long f) {
        return (int) (f >> cellShift);
    }

    /** The first frame of cell {@code cell}. */
    public long firstFrameOf(int cell) {
        return (long) cell << cellShift;
    }

    /**
     * The frame whose class cell {@code cell} shows (the first such frame), so that a tooltip or a
     * double-click tells about what the user sees there; -1 if the cell is outside the grid.
     */
    public int shownFrameOf(int cell) {
        if (cell < 0 || cell >= cells) {
            return -1;
        }
        int from = cell << cellShift;
        int to = Math.min(frames, from + (1 << cellShift));
        for (int f = from; f < to; f++) {
            if (classes[f] == cellClasses[cell]) {
                return f;
            }
        }
        return from;
    }

    /**
     * Incremented by every full recomputation (overlays, palette, {@link #rebuild()}): views that
     * derive pictures from the grid ({@link GridOverview}) rebuild when it changes, and follow
     * selection changes ({@link #selectionVersion()}) and cursor moves in between.
     */
    public int version() {
        return version;
    }

    /**
     * Incremented by every {@link #setSelection}, which recolours only the frames of
     * {@link #previousSelection()} and {@link #selection()}: a view that saw the grid one
     * selection change ago need only look at those frames.
     */
    public int selectionVersion() {
        return selectionVersion;
    }

    /** The selection that the last {@link #setSelection} replaced. */
    public Selection previousSelection() {
        return previousSelection;
    }

    // ---- geometry and state

    public Capture capture() {
        return capture;
    }

    /** One pixel per cell; draw it scaled with nearest-neighbour interpolation. */
    public BufferedImage image() {
        return image;
    }

    /** Cells per row. */
    public int width() {
        return width;
    }

    public int rows() {
        return rows;
    }

    public int frameCount() {
        return frames;
    }

    /** Cells in the grid (frames divided by {@link #framesPerCell()}, rounded up). */
    public int cellCount() {
        return cells;
    }

    /** 4 KiB frames per cell: 1, or more with a larger page size. */
    public int framesPerCell() {
        return 1 << cellShift;
    }

    public NmtCategories nmtCategories() {
        return rules.nmt();
    }

    /** Faults applied: {@code [0, cursor)}. */
    public int cursor() {
        return cursor;
    }

    public long loadedSoFar() {
        return loadedSoFar;
    }

    public long zeroedSoFar() {
        return zeroedSoFar;
    }

    public long bytesSoFar() {
        return bytesSoFar;
    }

    /** Selected pages that the faults so far touched for the first time. */
    public int selectedTouched() {
        return selectedTouched;
    }
}
