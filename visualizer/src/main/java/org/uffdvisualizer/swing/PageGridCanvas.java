package org.uffdvisualizer.swing;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.awt.geom.AffineTransform;
import java.util.function.LongConsumer;
import javax.swing.JComponent;
import javax.swing.JViewport;
import javax.swing.Scrollable;
import javax.swing.SwingConstants;
import javax.swing.ToolTipManager;
import javax.swing.UIManager;
import org.uffdvisualizer.render.CellPlacement;
import org.uffdvisualizer.render.CellTooltip;
import org.uffdvisualizer.render.CompactRows;
import org.uffdvisualizer.render.GridOverview;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PageGridRenderer;
import org.uffdvisualizer.render.RenderOptions;
import org.uffdvisualizer.render.SelectionBounds;

/**
 * The physical page grid in the window: one square cell per frame (or per run of frames, see
 * {@link PageGrid#framesPerCell()}), {@link #scale()} pixels wide
 * (below 1, zoomed out through a {@link GridOverview} so that sparse pages stay visible). Sits in
 * a scroll pane; the wheel zooms around the mouse, dragging pans, hovering shows what a cell is.
 * Replay moves repaint only the cells that changed.
 *
 * <p>All methods must be called on the Event Dispatch Thread.
 */
public final class PageGridCanvas extends JComponent implements Scrollable {
    private static final long serialVersionUID = 1L;
    /** Pixels a cell gets at least from {@link #zoomToSelection()}: enough to tell one page from the next. */
    static final int MIN_SELECTION_PX = 3;

    private transient PageGrid grid;
    private transient GridOverview overview;
    private transient GridOverviews overviews = new GridOverviews(null);
    private double scale = 1;
    private transient LongConsumer cellClicked = f -> { };
    private transient LongConsumer cellDoubleClicked = f -> { };
    /** What waits for the first paint that shows a grid; null once that paint happened. */
    private transient java.util.List<Runnable> afterFirstPaint = new java.util.ArrayList<>();
    private long paints;
    /** Whether the last zoom was {@link #fit()}: the grid is fitted again whenever its space changes size. */
    private boolean fitting;
    private boolean refitQueued;
    private final transient FaultMarks marks = new FaultMarks();
    /** Drawn instead of the grid's image when not null (a {@link org.uffdvisualizer.render.StabilityImage}). */
    private transient java.awt.image.BufferedImage cellImage;
    private final transient CompactView compact = new CompactView();
    private transient CellPlacement placement;

    public PageGridCanvas() {
        setOpaque(true);
        setFocusable(true);
        ToolTipManager.sharedInstance().registerComponent(this);
        GridMouse mouse = new GridMouse(this);
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
        addMouseWheelListener(mouse);
        addHierarchyBoundsListener(new java.awt.event.HierarchyBoundsAdapter() {
            @Override
            public void ancestorResized(java.awt.event.HierarchyEvent e) {
                refitLater();
            }
        });
    }

    /** In fit mode, fits again once the layout that changed the space has settled. */
    private void refitLater() {
        if (!fitting || refitQueued) {
            return;
        }
        refitQueued = true;
        javax.swing.SwingUtilities.invokeLater(() -> {
            refitQueued = false;
            if (fitting) {
                fit();
            }
        });
    }

    /** Whether the grid is in fit mode: fitted, and fitted again when the view changes size. */
    public boolean isFitting() {
        return fitting;
    }

    /** Shows {@code newGrid} (null for none) at the given scale. */
    public void setGrid(PageGrid newGrid, double newScale) {
        grid = newGrid;
        cellImage = null;
        overview = null;
        overviews = new GridOverviews(newGrid);
        scale = newScale;
        fitting = false;
        setCompact(compact.isOn());
    }

    /**
     * Compact view on or off: only the rows that hold a page of the selection (or any owned or
     * faulted page when nothing is selected) are drawn, packed ({@link CompactRows}).
     */
    public void setCompact(boolean on) {
        compact.set(on, grid);
        placement = null;
        revalidate();
        refitLater();
        repaint();
        firePropertyChange("compactRows", null, compact.rows());
    }

    public boolean isCompact() {
        return compact.isOn();
    }

    /** The rows the compact view draws, or null when it is off. */
    public CompactRows compactRows() {
        return compact.rows();
    }

    /** Where cells are drawn at the current zoom and layout. */
    public CellPlacement placement() {
        if (placement == null && grid != null) {
            placement = new CellPlacement(grid, scale, overview == null ? 1 : overview.factor(), compact.rows());
        }
        return placement;
    }

    public PageGrid grid() {
        return grid;
    }

    /** Pixels per cell side. */
    public double scale() {
        return scale;
    }

    /** A click ({@code clicks} 1) or double click on the cell of {@code frame}: to the listeners set below. */
    void cellClicked(long frame, int clicks) {
        (clicks >= 2 ? cellDoubleClicked : cellClicked).accept(frame);
    }

    public void setCellClicked(LongConsumer listener) {
        cellClicked = listener;
    }

    public void setCellDoubleClicked(LongConsumer listener) {
        cellDoubleClicked = listener;
    }

    /**
     * Runs {@code action} once on the Event Dispatch Thread when the window's paint that first
     * showed a grid here is over (at once if it is), in the order of the calls: the start-up
     * measurement, and what the first frame can do without (the timeline chart).
     */
    public void runAfterFirstPaint(Runnable action) {
        if (afterFirstPaint == null) {
            javax.swing.SwingUtilities.invokeLater(action);
        } else {
            afterFirstPaint.add(action);
        }
    }

    /** Whether a grid has been painted here. */
    public boolean hasPaintedGrid() {
        return afterFirstPaint == null;
    }

    public void zoomIn() {
        zoomAround(ZoomLevels.next(scale, +1), centre());
    }

    public void zoomOut() {
        zoomAround(ZoomLevels.next(scale, -1), centre());
    }

    /** One pixel per cell. */
    public void actualSize() {
        zoomAround(1, centre());
    }

    /**
     * The largest scale at which the whole grid fits the visible area (whole pixels per cell from
     * one up), and fit mode: it fits again whenever that area changes size, until another zoom.
     */
    public void fit() {
        fitting = true;
        if (grid == null) {
            return;
        }
        Rectangle view = available();
        if (view.width <= 0 || view.height <= 0) {
            return;
        }
        if (compact.fitTo(view.width, view.height)) {
            placement = null;
            firePropertyChange("compactRows", null, compact.rows());
        }
        double s = Math.min((double) view.width / placement().columns(), (double) view.height / placement().shownRows());
        s = s >= 1 ? Math.floor(s) : s;
        setScaleKeeping(Math.max(ZoomLevels.MIN, Math.min(ZoomLevels.MAX, s)), new Point(0, 0), new Point(0, 0));
    }

    /**
     * Zooms so that the rectangle {@code cells} (grid columns and rows) is as large as it fits in
     * the visible area in both dimensions, and scrolls it to the middle of the view. The grid's
     * width is fixed by its layout, so a selection spread over whole rows is as wide as the grid
     * and fills the view's width (or its height, if those rows are many); a short run of cells in
     * a row or two is no longer blown up to the view's height and cut off at the sides.
     */
    public void zoomToCells(Rectangle gridCells) {
        Rectangle cells = grid == null || gridCells == null ? null : placement().drawn(gridCells);
        if (cells == null || cells.isEmpty()) {
            return;
        }
        fitting = false;
        Rectangle view = available();
        if (view.width <= 0 || view.height <= 0) {
            return;
        }
        double s = ZoomLevels.fitScale(cells, view.width, view.height);
        // The scroll bars the zoomed grid will need take their room from the view.
        Dimension bars = ScrollRoom.bars(this);
        int h = view.height - (placement().columns() * s > view.width ? bars.height : 0);
        int w = view.width - (placement().shownRows() * s > h ? bars.width : 0);
        s = ZoomLevels.fitScale(cells, w, h);
        view = new Rectangle(w, h);
        Point middle = new Point((int) Math.round((cells.x + cells.width / 2.0) * s),
                (int) Math.round((cells.y + cells.height / 2.0) * s));
        setScaleKeeping(s, middle, new Point(view.width / 2, view.height / 2));
    }

    /**
     * Zooms to the selection ({@link SelectionBounds#of}); when it is spread so widely that its
     * cells would be smaller than {@link #MIN_SELECTION_PX}, to the part of it where its pages
     * are densest, at that size ({@link SelectionBounds#densest}).
     */
    public void zoomToSelection() {
        Rectangle cells = grid == null ? null : SelectionBounds.of(grid);
        Rectangle drawn = cells == null ? null : placement().drawn(cells);
        Rectangle view = available();
        Dimension bars = ScrollRoom.bars(this);
        if (drawn == null || view.width <= 0 || view.height <= 0) {
            return;
        }
        if (ZoomLevels.fitScale(drawn, view.width, view.height) < MIN_SELECTION_PX && bars.width > 0) {
            // The zoomed grid needs both scroll bars: the window of cells is what fits beside them.
            cells = SelectionBounds.densest(grid, (view.width - bars.width) / MIN_SELECTION_PX,
                    (view.height - bars.height) / MIN_SELECTION_PX);
        }
        zoomToCells(cells);
    }

    /** The area the grid can use. */
    private Rectangle available() {
        return ScrollRoom.available(this);
    }

    private Point centre() {
        Rectangle v = getVisibleRect();
        return new Point(v.x + v.width / 2, v.y + v.height / 2);
    }

    /** Zooms so that the cell under {@code anchor} (component coordinates) stays where it is on screen. */
    void zoomAround(double newScale, Point anchor) {
        fitting = false;
        if (grid == null || newScale == scale) {
            return;
        }
        Rectangle v = getVisibleRect();
        Point onScreen = new Point(anchor.x - v.x, anchor.y - v.y);
        double cellX = anchor.x / scale;
        double cellY = anchor.y / scale;
        Point newAnchor = new Point((int) Math.round(cellX * newScale), (int) Math.round(cellY * newScale));
        setScaleKeeping(newScale, newAnchor, onScreen);
    }

    private void setScaleKeeping(double newScale, Point newAnchor, Point onScreen) {
        scale = newScale;
        overview = overviews.at(scale);
        // An overview pixel covers whole grid rows: zoomed out, a compact view's rows are not folded.
        if (overview != null && compact.unfold()) {
            firePropertyChange("compactRows", null, compact.rows());
        }
        placement = null;
        revalidate();
        if (getParent() instanceof JViewport vp) {
            vp.doLayout();
            setSize(getPreferredSize());
            scrollTo(vp, new Point(newAnchor.x - onScreen.x, newAnchor.y - onScreen.y));
        }
        repaint();
        firePropertyChange("scale", 0.0, scale);
    }

    void scrollTo(JViewport vp, Point pos) {
        Dimension size = getPreferredSize();
        Dimension extent = vp.getExtentSize();
        pos.x = Math.max(0, Math.min(pos.x, size.width - extent.width));
        pos.y = Math.max(0, Math.min(pos.y, size.height - extent.height));
        vp.setViewPosition(pos);
    }

    /** Scrolls so that {@code frame} is visible. */
    public void reveal(long frame) {
        Rectangle r = cellBounds(frame);
        if (r != null) {
            r.grow(40, 40);
            scrollRectToVisible(r);
        }
    }

    /**
     * Moves the grid's replay cursor and repaints the cells that changed (for a canvas used
     * without a {@link CaptureSession}, as the benchmark does; a {@link CaptureView} moves the
     * cursor through its session).
     *
     * @return true if anything changed
     */
    public boolean applyCursor(int k) {
        if (grid == null) {
            return false;
        }
        Rectangle cells = grid.setCursor(k);
        if (cells == null) {
            return false;
        }
        repaintCells(cells);
        markerMoved();
        return true;
    }

    /** Repaints where the current-fault marker and its trail were and where they are now, after the replay moved. */
    public void markerMoved() {
        marks.moved(grid, grid == null ? null : placement().options(1), this::repaint);
    }

    /** Shows a fading trail of the last {@code n} faults behind the marker (0: none). */
    public void setTrailLength(int n) {
        marks.setTrailLength(n);
        markerMoved();
    }

    /** Draws {@code image}, one pixel per cell in the grid's layout, instead of the grid's own image; null: the grid's. */
    public void setCellImage(java.awt.image.BufferedImage image) {
        cellImage = image;
        repaint();
    }

    /** Where the current-fault marker is drawn (component pixels), or null if none. */
    public Rectangle markerBounds() {
        return grid == null ? null : FaultMarks.markerBounds(grid, placement().options(1));
    }

    /** Repaints the cells in {@code cells} (grid columns and rows), after the grid changed them. */
    public void repaintCells(Rectangle cells) {
        Rectangle r = grid == null ? null : placement().repaintArea(cells);
        if (r != null) {
            repaint(r);
        }
    }

    /** After a change of selection, overlays or palette: everything repaints; a compact view takes the new selection's rows. */
    public void gridChanged() {
        if (compact.isStale(grid)) {
            setCompact(true);
        }
        repaint();
    }

    /** The cell under {@code p} (component coordinates), or -1. */
    public int cellAt(Point p) {
        return grid == null ? -1 : placement().cellAt(p.x, p.y);
    }

    /**
     * The frame under {@code p} (component coordinates), or -1: with several frames per cell, the
     * one whose class the cell shows.
     */
    public long frameAt(Point p) {
        int cell = cellAt(p);
        return cell < 0 ? -1 : grid.shownFrameOf(cell);
    }

    /** Where {@code frame}'s cell is drawn (component coordinates), or null if it is not in the grid or not shown. */
    public Rectangle cellBounds(long frame) {
        return grid == null ? null : placement().bounds(frame);
    }

    @Override
    public Dimension getPreferredSize() {
        if (grid == null) {
            return new Dimension(400, 300);
        }
        return new Dimension((int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(placement().columns() * scale)),
                (int) Math.min(Integer.MAX_VALUE / 2, Math.ceil(placement().shownRows() * scale)));
    }

    @Override
    public String getToolTipText(MouseEvent e) {
        long f = frameAt(e.getPoint());
        if (f < 0) {
            return null;
        }
        return CellTooltip.html(grid, f);
    }

    // ---- painting

    /** Paints of the grid so far, for frame-rate measurements. */
    public long paints() {
        return paints;
    }

    @Override
    protected void paintComponent(Graphics g) {
        paints++;
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            Color background = UIManager.getColor("Panel.background");
            if (grid == null) {
                g2.setColor(background != null ? background : getBackground());
                g2.fillRect(0, 0, getWidth(), getHeight());
                return;
            }
            g2.setColor(new Color(grid.palette().rgb(PageClass.HOLE)));
            Rectangle clip = g2.getClipBounds();
            if (clip != null) {
                g2.fill(clip);
            }
            // HiDPI: draw in device pixels so that cells are whole device pixels and sharp.
            AffineTransform t = g2.getTransform();
            double device = t.getScaleX();
            RenderOptions options;
            if (device != 1 && t.getShearX() == 0 && t.getShearY() == 0 && t.getScaleY() == device) {
                g2.setTransform(AffineTransform.getTranslateInstance(t.getTranslateX(), t.getTranslateY()));
                options = placement().options(device);
            } else {
                options = placement().options(1);
            }
            if (cellImage != null) {
                PageGridRenderer.paintCells(g2, cellImage, grid, options);
            } else if (overview != null) {
                overview.sync();
                PageGridRenderer.paintOverview(g2, overview, options);
            } else {
                PageGridRenderer.paint(g2, grid, options);
            }
            // Above the grid, never in its image: the image stays what the cursor made it.
            marks.paint(g2, grid, options);
        } finally {
            g2.dispose();
        }
        if (afterFirstPaint != null && grid != null) {
            // Queued behind the rest of this paint, which the window's other parts finish first.
            afterFirstPaint.forEach(javax.swing.SwingUtilities::invokeLater);
            afterFirstPaint = null;
        }
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return new Dimension(900, 600);
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return Math.max(8, (int) Math.ceil(scale * 4));
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return orientation == SwingConstants.HORIZONTAL ? visible.width * 9 / 10 : visible.height * 9 / 10;
    }

    @Override
    public boolean getScrollableTracksViewportWidth() {
        return getParent() instanceof JViewport vp && vp.getWidth() > getPreferredSize().width;
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return getParent() instanceof JViewport vp && vp.getHeight() > getPreferredSize().height;
    }
}
