package org.uffdvisualizer.render;

import java.awt.image.BufferedImage;
import org.uffdvisualizer.prefetch.PageFates;
import org.uffdvisualizer.prefetch.RestoreRun;

/**
 * The grid coloured by what a prefetch strategy does with each page of a restore: one pixel per
 * cell in the grid's layout (same width and frames per cell as the window's grid), so it lines up
 * with it. A cell holding pages of several fates shows the one that matters most: still faults,
 * then wasted, then prefetched. No Swing; any thread.
 */
public final class PrefetchFateImage {
    /** Colours by fate ({@link PageFates} constants), Okabe-Ito: prefetched blue, still faults vermillion, wasted yellow. */
    public static final int[] RGB = {0, 0x0072B2, 0xD55E00, 0xF0E442};
    /** Cells without a fate: the guest's RAM, light or dark. */
    public static final int BACKGROUND_LIGHT = 0xE8E8E8;
    public static final int BACKGROUND_DARK = 0x303030;
    private static final int[] PRIORITY = {0, 1, 3, 2};

    private PrefetchFateImage() {
    }

    /**
     * @param width         cells per row of the grid
     * @param rows          rows of the grid
     * @param framesPerCell frames each cell holds
     */
    public static BufferedImage of(PageFates fates, int width, int rows, int framesPerCell, boolean dark) {
        BufferedImage image = new BufferedImage(width, rows, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * rows];
        java.util.Arrays.fill(pixels, dark ? BACKGROUND_DARK : BACKGROUND_LIGHT);
        byte[] shown = new byte[pixels.length];
        RestoreRun run = fates.test();
        for (int p = fates.next(0); p >= 0; p = fates.next(p + 1)) {
            long cell = run.frameOf(p) / framesPerCell;
            byte fate = fates.of(p);
            if (cell < pixels.length && PRIORITY[fate] > PRIORITY[shown[(int) cell]]) {
                shown[(int) cell] = fate;
                pixels[(int) cell] = RGB[fate];
            }
        }
        image.setRGB(0, 0, width, rows, pixels, 0, width);
        return image;
    }
}
