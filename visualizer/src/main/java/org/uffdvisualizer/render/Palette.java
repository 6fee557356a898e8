package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Colours of the page classes, in four variants: light or dark background, and a default or a
 * colour-blind-safe set (the replay and selection colours from the Okabe-Ito palette, which
 * stays distinguishable with protanopia, deuteranopia and tritanopia).
 */
public final class Palette {
    /**
     * Smallest CIE76 colour difference ({@link ColourDistance}) between any two colours a grid
     * of this palette can show at once: the fixed classes among themselves, every NMT category
     * against them and against each other. Below it, with many NMT categories on, a category
     * could pass for "kernel" or "faulted, no owner". 20 keeps them apart as single cells.
     */
    public static final double MIN_DELTA_E = 20;
    /**
     * Smallest CIE76 difference between the background (the "no RAM" colour the grid is drawn
     * on) and any other colour: a lone cell must stand out from it.
     */
    public static final double MIN_DELTA_E_BACKGROUND = 25;
    /** Levels of the red, green and blue grid of candidates tried last (0x00, 0x33, ... 0xff). */
    private static final int GRID_STEP = 0x33;

    /**
     * Preferred colours for NMT categories, in order; picked so neighbours differ in hue and
     * lightness. The first (the Java heap in every JVM) is tan, not blue, to stay apart from
     * "loaded by uffd". A colour too close to one of the palette's fixed classes or to a category
     * before it is skipped (see {@link #nmtColours}).
     */
    private static final int[] NMT_DEFAULT = {
        0xb5835a, 0xe67e22, 0x27ae60, 0x8e44ad, 0xc0392b, 0x16a085, 0xd4ac0d, 0x7f8c8d,
        0xff6b81, 0x1abc9c, 0x9b59b6, 0xf39c12, 0x34495e, 0x6ab04c, 0xeb4d4b, 0x4834d4,
    };
    /** Okabe-Ito and darker shades of it; most of the plain ones are taken by fixed classes and get skipped. */
    private static final int[] NMT_COLORBLIND = {
        0x0072b2, 0xe69f00, 0x009e73, 0xcc79a7, 0xd55e00, 0x56b4e9, 0xf0e442,
        0x004d7a, 0x9c6b00, 0x006b4e, 0x8f5574, 0x943f00, 0x3a7ea3, 0xa89f2e, 0x999999, 0x666666,
    };
    /** Saturation and brightness rings of the generated colours tried after the preferred ones. */
    private static final float[][] RINGS = {{0.65f, 0.85f}, {0.8f, 0.6f}, {0.45f, 0.95f}, {0.9f, 0.45f}, {0.35f, 0.7f},
        {0.55f, 0.35f}};

    private final String name;
    private final int[] rgb = new int[PageClass.COUNT];
    private final boolean dark;

    private Palette(String name, boolean dark, boolean colorBlind) {
        this.name = name;
        this.dark = dark;
        rgb[PageClass.HOLE] = dark ? 0x101010 : 0xffffff;
        // Greys apart enough from the background and from each other (MIN_DELTA_E_BACKGROUND, MIN_DELTA_E).
        rgb[PageClass.FREE] = dark ? 0x474747 : 0xb8b8b8;
        rgb[PageClass.MAPPED] = dark ? 0x7a7a7a : 0x828282;
        // As the original tool: the selection dark (light on dark themes, not so light that white kernel pages
        // of the colour-blind palette look like it), its shared pages light blue.
        rgb[PageClass.SELECTED] = dark ? 0xc4c4c4 : 0x383838;
        rgb[PageClass.SELECTED_SHARED] = colorBlind ? 0x56b4e9 : (dark ? 0x9fd0ff : 0x5b9bd5);
        rgb[PageClass.SHARED] = colorBlind ? 0xcc79a7 : (dark ? 0x3fa7a0 : 0x2a9d8f);
        rgb[PageClass.PAGECACHE] = colorBlind ? 0x009e73 : (dark ? 0x6bbf59 : 0x4c9a2a);
        rgb[PageClass.KERNEL] = colorBlind ? 0x000000 : (dark ? 0xb07cc6 : 0x7b3f98);
        rgb[PageClass.LOADED] = colorBlind ? 0xd55e00 : (dark ? 0x3d7dd8 : 0x1565c0);
        // Dark: pink as in the light theme; near-white was hard to tell from the light-grey selection.
        rgb[PageClass.ZEROED] = colorBlind ? 0xf0e442 : (dark ? 0xff6fa8 : 0xff4081);
        rgb[PageClass.LOADED_SELECTED] = colorBlind ? 0xe69f00 : 0xffd400;
        // Colour-blind: Okabe-Ito blue; the grey it was looked like a mapped page.
        rgb[PageClass.FAULTED_UNOWNED] = colorBlind ? 0x0072b2 : (dark ? 0xe05050 : 0xc62828);
        if (colorBlind) {
            rgb[PageClass.KERNEL] = dark ? 0xffffff : 0x000000;
        }
        int[] fixed = java.util.Arrays.copyOf(rgb, PageClass.FAULTED_UNOWNED + 1);
        int[] nmt = nmtColours(colorBlind ? NMT_COLORBLIND : NMT_DEFAULT, fixed, PageClass.NMT_MAX);
        System.arraycopy(nmt, 0, rgb, PageClass.NMT_FIRST, nmt.length);
    }

    /**
     * {@code count} NMT colours: the preferred ones, then generated ones (hues every 15 degrees on a
     * few saturation and brightness rings, then a grid of red, green and blue levels), each taken
     * only if it is at least {@link #MIN_DELTA_E} from every fixed colour and every colour taken
     * before it, and {@link #MIN_DELTA_E_BACKGROUND} from the background ({@code fixed[HOLE]}).
     */
    private static int[] nmtColours(int[] preferred, int[] fixed, int count) {
        List<Integer> candidates = new ArrayList<>();
        for (int c : preferred) {
            candidates.add(c);
        }
        for (float[] ring : RINGS) {
            for (int hue = 0; hue < 360; hue += 15) {
                candidates.add(java.awt.Color.HSBtoRGB(hue / 360f, ring[0], ring[1]) & 0xffffff);
            }
        }
        for (int r = 0; r <= 0xff; r += GRID_STEP) {
            for (int g = 0; g <= 0xff; g += GRID_STEP) {
                for (int b = 0; b <= 0xff; b += GRID_STEP) {
                    candidates.add(r << 16 | g << 8 | b);
                }
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < candidates.size() && n < count; i++) {
            int c = candidates.get(i);
            if (ColourDistance.deltaE76(c, fixed[PageClass.HOLE]) >= MIN_DELTA_E_BACKGROUND
                    && farFrom(c, fixed, fixed.length) && farFrom(c, out, n)) {
                out[n++] = c;
            }
        }
        if (n < count) {
            throw new IllegalStateException("only " + n + " NMT colours keep delta E " + MIN_DELTA_E + "; add candidates");
        }
        return out;
    }

    private static boolean farFrom(int c, int[] colours, int n) {
        for (int i = 0; i < n; i++) {
            if (ColourDistance.deltaE76(c, colours[i]) < MIN_DELTA_E) {
                return false;
            }
        }
        return true;
    }

    public static final Palette LIGHT = new Palette("light", false, false);
    public static final Palette DARK = new Palette("dark", true, false);
    public static final Palette COLORBLIND_LIGHT = new Palette("colour-blind light", false, true);
    public static final Palette COLORBLIND_DARK = new Palette("colour-blind dark", true, true);

    /** The palette for a theme and a colour choice. */
    public static Palette of(boolean dark, boolean colorBlind) {
        return colorBlind ? (dark ? COLORBLIND_DARK : COLORBLIND_LIGHT) : (dark ? DARK : LIGHT);
    }

    /** 0xRRGGBB of a page class. */
    public int rgb(int pageClass) {
        return rgb[pageClass];
    }

    public boolean isDark() {
        return dark;
    }

    public String name() {
        return name;
    }

    /** All palettes, for menus. */
    public static List<Palette> all() {
        return new ArrayList<>(List.of(LIGHT, DARK, COLORBLIND_LIGHT, COLORBLIND_DARK));
    }

    @Override
    public String toString() {
        return name;
    }
}
