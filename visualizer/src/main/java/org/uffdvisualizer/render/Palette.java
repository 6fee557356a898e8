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
     * ({@link NmtColours}) against them and against each other. Below it, with many NMT categories
     * on, a category could pass for "kernel" or "faulted, no owner". 20 keeps them apart as single cells.
     */
    public static final double MIN_DELTA_E = 20;
    /**
     * Smallest CIE76 difference between the background (the "no RAM" colour the grid is drawn
     * on) and any other colour: a lone cell must stand out from it.
     */
    public static final double MIN_DELTA_E_BACKGROUND = 25;

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
    }

    public static final Palette LIGHT = new Palette("light", false, false);
    public static final Palette DARK = new Palette("dark", true, false);
    public static final Palette COLORBLIND_LIGHT = new Palette("colour-blind light", false, true);
    public static final Palette COLORBLIND_DARK = new Palette("colour-blind dark", true, true);

    /** The palette for a theme and a colour choice. */
    public static Palette of(boolean dark, boolean colorBlind) {
        return colorBlind ? (dark ? COLORBLIND_DARK : COLORBLIND_LIGHT) : (dark ? DARK : LIGHT);
    }

    /** 0xRRGGBB of a fixed page class; NMT classes take theirs by name ({@link NmtCategories#classRgb}). */
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
