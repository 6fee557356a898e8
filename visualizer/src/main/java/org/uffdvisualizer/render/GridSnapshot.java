package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The grid as one image: {@code width * scale} by {@code rows * scale} pixels with no margin
 * (page {@code p} is the square at {@code ((p % width) * scale, (p / width) * scale)}),
 * optionally with the legend to its right and a caption strip below both. What {@code render
 * --out} and the window's PNG export write. The caption sits outside the grid, so a cell's
 * position is the same with and without it. In compact view ({@link Options#compact()}) only the
 * kept rows are drawn, right of an address gutter.
 */
public final class GridSnapshot {
    /** Height of the caption strip in pixels. */
    public static final int CAPTION_HEIGHT = 24;

    /**
     * What goes into the image.
     *
     * @param scale   pixels per cell side, at least 1
     * @param legend  whether the legend is drawn to the right of the grid
     * @param caption text of the strip below the grid (see {@link #caption}), or null for none
     * @param compact the rows of a compact view to draw, packed, with their addresses in a gutter to
     *                the left ({@link CompactRows}, {@link RowGutter}), as the window shows them; null for all
     */
    public record Options(int scale, boolean legend, String caption, CompactRows compact) {
        public Options {
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be at least 1: " + scale);
            }
        }

        /** Every row. */
        public Options(int scale, boolean legend, String caption) {
            this(scale, legend, caption, null);
        }
    }

    private GridSnapshot() {
    }

    public static BufferedImage of(PageGrid grid, int scale, boolean legend) {
        return of(grid, new Options(scale, legend, null));
    }

    /** "NAME · fault 1,234 of 58,514" (or "· no uffd log"): what a caption says about a grid's replay position. */
    public static String caption(String name, PageGrid grid) {
        int n = grid.capture().trace().faultCount();
        return name + " · " + (n == 0 ? "no uffd log" : String.format(Locale.ROOT, "fault %,d of %,d", grid.cursor(), n));
    }

    /**
     * The picture; in compact view the grid starts {@link #gutterWidth} pixels from the left and
     * row {@code r} of {@link CompactRows#columns()} cells is drawn at display row
     * {@link CompactRows#displayRowOf}.
     */
    public static BufferedImage of(PageGrid grid, Options o) {
        RenderOptions at = RenderOptions.at(o.scale()).withRows(o.compact());
        int left = o.compact() != null ? gutterWidth(grid) : 0;
        int gw = at.columns(grid.width()) * o.scale();
        int gh = at.displayRows(grid.rows()) * o.scale();
        List<Legend.Entry> entries = o.legend() ? Legend.entries(grid) : List.of();
        int lw = 0;
        int lh = 0;
        int cw = 0;
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        if (o.legend()) {
            lw = Legend.width(pg, entries) + 8;
            lh = entries.size() * 18 + 8;
        }
        if (o.caption() != null) {
            cw = pg.getFontMetrics(captionFont()).stringWidth(o.caption()) + 16;
        }
        pg.dispose();
        int ch = o.caption() == null ? 0 : CAPTION_HEIGHT;
        long w = Math.max(left + gw + lw, cw);
        long h = Math.max(gh, lh) + (long) ch;
        if (w * h > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large: " + w + " x " + h + " pixels; use a smaller --scale");
        }
        BufferedImage img = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(grid.palette().rgb(PageClass.HOLE)));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            if (o.compact() != null) {
                RowGutter.paint(g, grid, at, 0, left, 0, gh);
            }
            g.translate(left, 0);
            g.setClip(0, 0, gw, gh);
            PageGridRenderer.paint(g, grid, at);
            g.setClip(null);
            g.translate(-left, 0);
            if (o.legend()) {
                Legend.paint(g, left + gw + 4, 4, entries, grid.palette().isDark());
            }
            if (o.caption() != null) {
                paintCaption(g, o.caption(), img.getWidth(), img.getHeight() - ch, grid.palette().isDark());
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Width of the address gutter left of a compact picture of {@code grid}. */
    public static int gutterWidth(PageGrid grid) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = probe.createGraphics();
        try {
            return RowGutter.width(g.getFontMetrics(RowGutter.font()), grid);
        } finally {
            g.dispose();
        }
    }

    /** The strip from {@code top} to the bottom: a plain background and the text, in the legend's colours. */
    private static void paintCaption(Graphics2D g, String text, int width, int top, boolean dark) {
        g.setColor(dark ? Color.BLACK : Color.WHITE);
        g.fillRect(0, top, width, CAPTION_HEIGHT);
        g.setColor(dark ? Color.WHITE : Color.BLACK);
        g.setFont(captionFont());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, 8, top + (CAPTION_HEIGHT - fm.getHeight()) / 2 + fm.getAscent());
    }

    private static Font captionFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 13);
    }
}
