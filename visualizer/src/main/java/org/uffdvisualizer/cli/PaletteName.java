package org.uffdvisualizer.cli;

import java.util.Locale;
import org.uffdvisualizer.render.Palette;

/** The palettes {@code render --palette} offers, by the words the help lists. */
enum PaletteName {
    LIGHT(Palette.LIGHT), DARK(Palette.DARK), COLORBLIND(Palette.COLORBLIND_LIGHT),
    COLORBLIND_DARK(Palette.COLORBLIND_DARK);

    private final Palette palette;

    PaletteName(Palette palette) {
        this.palette = palette;
    }

    Palette palette() {
        return palette;
    }

    /** The word on the command line: light, dark, colorblind, colorblind-dark. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
