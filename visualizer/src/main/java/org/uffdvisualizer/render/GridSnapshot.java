package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The grid as one image: {@code width * scale} by {@code rows * scale} pixels with no margin
 * (page {@code p} is the square at {@code ((p % width) * scale, (p / width) * scale)}),
 * optionally with the legend to its right. What {@code render --out} and the window's PNG export write.
 */
public final class GridSnapshot {

    private GridSnapshot() {
    }

    public static BufferedImage of(PageGrid grid, int scale, boolean legend) {
        int gw = grid.width() * scale;
        int gh = grid.rows() * scale;
        List<Legend.Entry> entries = legend ? Legend.entries(grid) : List.of();
        int lw = 0;
        int lh = 0;
        if (legend) {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = probe.createGraphics();
            lw = Legend.width(pg, entries) + 8;
            lh = entries.size() * 18 + 8;
            pg.dispose();
        }
        if ((long) (gw + lw) * Math.max(gh, lh) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large: " + (gw + lw) + " x " + Math.max(gh, lh)
                    + " pixels; use a smaller --scale");
        }
        BufferedImage img = new BufferedImage(gw + lw, Math.max(gh, lh), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(grid.palette().rgb(PageClass.HOLE)));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setClip(0, 0, gw, gh);
            PageGridRenderer.paint(g, grid, RenderOptions.at(scale));
            g.setClip(null);
            if (legend) {
                Legend.paint(g, gw + 4, 4, entries, grid.palette().isDark());
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
