package org.uffdvisualizer.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.uffdvisualizer.compare.Stability;

/**
 * Several grids in one image, left to right, each drawn as {@link GridSnapshot} draws one and
 * headed by its label lines (the capture, its JDK and flags, its replay position), with one
 * legend to the right that lists every colour any of them uses. What {@code compare --out} writes.
 */
public final class SideBySideSnapshot {
    private static final int GAP = 16;
    private static final int LINE = 18;

    private SideBySideSnapshot() {
    }

    /**
     * @param grids  the grids, all with the same palette
     * @param labels per grid, its heading lines
     * @param scale  pixels per cell side
     */
    public static BufferedImage of(List<PageGrid> grids, List<List<String>> labels, int scale) {
        return of(grids, labels, scale, null, 0);
    }

    /**
     * The grids, then, with {@code stability} (three or more restores of one snapshot), one more
     * column: grid {@code coloured} (one of those restores) coloured by how many of them faulted
     * each page ({@link StabilityImage}, drawn as the window draws it), its colours in the legend.
     */
    public static BufferedImage of(List<PageGrid> grids, List<List<String>> labels, int scale, Stability stability,
            int coloured) {
        List<BufferedImage> pictures = new ArrayList<>();
        for (PageGrid g : grids) {
            pictures.add(GridSnapshot.of(g, new GridSnapshot.Options(scale, false, null)));
        }
        Set<Legend.Entry> entries = new LinkedHashSet<>();
        for (PageGrid g : grids) {
            entries.addAll(Legend.entries(g));
        }
        labels = new ArrayList<>(labels);
        if (stability != null) {
            PageGrid g = grids.get(coloured);
            BufferedImage picture = new BufferedImage(g.width() * scale, g.rows() * scale, BufferedImage.TYPE_INT_RGB);
            Graphics2D pg = picture.createGraphics();
            PageGridRenderer.paintCells(pg, StabilityImage.of(stability, g), g, RenderOptions.at(scale));
            pg.dispose();
            pictures.add(picture);
            labels.add(List.of(String.format(Locale.ROOT, "Stability of %d restores of one snapshot", stability.runs().size()),
                    String.format(Locale.ROOT, "median pairwise Jaccard %.3f", stability.medianJaccard()),
                    "pages by the restores that faulted them"));
            entries.addAll(StabilityImage.legend(stability));
        }
        List<Legend.Entry> legend = new ArrayList<>(entries);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        FontMetrics fm = pg.getFontMetrics(labelFont());
        int headLines = 0;
        long width = GAP;
        int[] columnWidth = new int[pictures.size()];
        for (int i = 0; i < pictures.size(); i++) {
            int w = pictures.get(i).getWidth();
            for (String line : labels.get(i)) {
                w = Math.max(w, fm.stringWidth(line));
            }
            columnWidth[i] = w;
            width += w + GAP;
            headLines = Math.max(headLines, labels.get(i).size());
        }
        int legendWidth = Legend.width(pg, legend) + GAP;
        pg.dispose();
        width += legendWidth;
        int head = headLines * LINE + GAP / 2;
        long height = GAP + head;
        int tallest = legend.size() * LINE;
        for (BufferedImage p : pictures) {
            tallest = Math.max(tallest, p.getHeight());
        }
        height += tallest + GAP;
        if (width * height > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("image too large: " + width + " x " + height + " pixels; use a smaller --scale");
        }
        boolean dark = grids.get(0).palette().isDark();
        BufferedImage img = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(dark ? Color.BLACK : Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int x = GAP;
            for (int i = 0; i < pictures.size(); i++) {
                g.setColor(dark ? Color.WHITE : Color.BLACK);
                g.setFont(labelFont());
                int y = GAP;
                for (String line : labels.get(i)) {
                    g.drawString(line, x, y + g.getFontMetrics().getAscent());
                    y += LINE;
                }
                g.drawImage(pictures.get(i), x, GAP + head, null);
                x += columnWidth[i] + GAP;
            }
            Legend.paint(g, x, GAP + head, legend, dark);
        } finally {
            g.dispose();
        }
        return img;
    }

    private static Font labelFont() {
        return new Font(Font.SANS_SERIF, Font.BOLD, 13);
    }
}
