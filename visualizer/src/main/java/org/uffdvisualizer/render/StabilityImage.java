package org.uffdvisualizer.render;

import java.awt.image.BufferedImage;
import java.util.List;
import org.uffdvisualizer.compare.Stability;

/**
 * A grid coloured by how many restores of one snapshot faulted each page: every run, some (more
 * than one, not all), one, or none of them (a page some section of the dump owns). One pixel per
 * cell in the grid's own layout, so it is drawn where the grid's image would be, zoomed, scrolled
 * and compacted like it. A cell holding pages of several kinds shows the least stable: one, then
 * some, then every, then none. RAM nobody owns and addresses without RAM keep the palette's
 * colours. No Swing; any thread.
 */
public final class StabilityImage {
    /** Okabe-Ito blue, sky blue and vermillion, and a pale sand: apart for every colour vision and from both backgrounds. */
    public static final int EVERY = 0x0072B2;
    public static final int SOME = 0x56B4E9;
    public static final int ONE = 0xD55E00;
    public static final int NONE = 0xE8DFA8;
    /** The kinds, in the order the legend lists them. */
    public static final int[] KINDS = {EVERY, SOME, ONE, NONE};

    private StabilityImage() {
    }

    /** The colour of a page {@code runsFaulted} of {@code runs} restores faulted (0: none). */
    public static int rgb(int runsFaulted, int runs) {
        return runsFaulted == 0 ? NONE : runsFaulted >= runs ? EVERY : runsFaulted == 1 ? ONE : SOME;
    }

    /** The legend of the colouring, with the pages of each kind. */
    public static List<Legend.Entry> legend(Stability s) {
        return List.of(new Legend.Entry(String.format("every run (%,d pages)", s.everyRun()), EVERY),
                new Legend.Entry(String.format("some runs (%,d)", s.someRuns()), SOME),
                new Legend.Entry(String.format("one run (%,d)", s.oneRun()), ONE),
                new Legend.Entry(String.format("no run (%,d)", s.noRun()), NONE));
    }

    /** {@code grid} (one of the restores, for its layout and owners) coloured by {@code s}. */
    public static BufferedImage of(Stability s, PageGrid grid) {
        int width = grid.width();
        int cells = grid.cellCount();
        int[] pixels = new int[width * grid.rows()];
        Palette palette = grid.palette();
        for (int c = 0; c < pixels.length; c++) {
            byte k = c < cells ? grid.cellClass(c) : PageClass.HOLE;
            pixels[c] = k == PageClass.HOLE || k == PageClass.FREE || k == PageClass.FAULTED_UNOWNED
                    ? palette.rgb(k == PageClass.HOLE ? PageClass.HOLE : PageClass.FREE) : NONE;
        }
        int runs = s.runs().size();
        byte[] shown = new byte[pixels.length];     // the rank of what a cell shows: 0 nothing faulted yet
        s.forEachFaulted((pfn, n) -> {
            int cell = pfn < grid.frameCount() ? grid.cellOf(pfn) : -1;
            byte rank = (byte) (n >= runs ? 1 : n == 1 ? 3 : 2);
            if (cell >= 0 && cell < pixels.length && rank > shown[cell]) {
                shown[cell] = rank;
                pixels[cell] = rgb(n, runs);
            }
        });
        BufferedImage image = new BufferedImage(width, grid.rows(), BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, grid.rows(), pixels, 0, width);
        return image;
    }
}
