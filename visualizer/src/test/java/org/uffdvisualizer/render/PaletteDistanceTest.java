package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every colour a grid can show at once stays at least {@link Palette#MIN_DELTA_E} (CIE76, 20) from
 * every other and {@link Palette#MIN_DELTA_E_BACKGROUND} (25) from the background ("no RAM"), in
 * all four palettes and with all 48 NMT categories on: the fixed classes among themselves, each
 * NMT category against them and against each other.
 */
class PaletteDistanceTest {
    private static final String[] FIXED = {"no RAM", "free", "mapped", "selected", "selected shared", "shared",
        "page cache", "kernel", "loaded", "zero-filled", "loaded selected", "faulted no owner"};

    @Test
    void deltaEMatchesCielabReferenceValues() {
        assertThat(ColourDistance.deltaE76(0xffffff, 0x000000)).isCloseTo(100, within(0.01));
        // sRGB red is L*a*b* (53.24, 80.09, 67.20).
        double[] red = ColourDistance.lab(0xff0000);
        assertThat(red[0]).isCloseTo(53.24, within(0.05));
        assertThat(red[1]).isCloseTo(80.09, within(0.1));
        assertThat(red[2]).isCloseTo(67.20, within(0.1));
        assertThat(ColourDistance.deltaE76(0x123456, 0x123456)).isZero();
    }

    @Test
    void noTwoColoursOfAPaletteAreCloserThanTheMinimum() {
        List<String> close = new ArrayList<>();
        for (Palette p : Palette.all()) {
            int classes = PageClass.NMT_FIRST + PageClass.NMT_MAX;
            for (int a = 0; a < classes; a++) {
                for (int b = a + 1; b < classes; b++) {
                    if (!shown(a) || !shown(b)) {
                        continue;
                    }
                    double d = ColourDistance.deltaE76(p.rgb(a), p.rgb(b));
                    if (d < (a == PageClass.HOLE ? Palette.MIN_DELTA_E_BACKGROUND : Palette.MIN_DELTA_E)) {
                        close.add(String.format("%s: %s #%06x and %s #%06x, delta E %.1f", p, name(a), p.rgb(a), name(b),
                                p.rgb(b), d));
                    }
                }
            }
        }
        assertThat(close).isEmpty();
    }

    @Test
    void theMinimaAreThoseTheIssueAsksFor() {
        // The pairs measured too close before: light Kernel / NMT Internal 11.1, light Not mapped / Mapped 18.6,
        // dark NMT GC / Faulted-no-owner 13.1, colour-blind dark Selection / Kernel 12.2.
        assertThat(Palette.MIN_DELTA_E).isGreaterThanOrEqualTo(20);
        assertThat(Palette.MIN_DELTA_E_BACKGROUND).isGreaterThanOrEqualTo(25);
        assertThat(ColourDistance.deltaE76(Palette.COLORBLIND_DARK.rgb(PageClass.SELECTED),
                Palette.COLORBLIND_DARK.rgb(PageClass.KERNEL))).isGreaterThanOrEqualTo(20);
        assertThat(ColourDistance.deltaE76(Palette.LIGHT.rgb(PageClass.FREE), Palette.LIGHT.rgb(PageClass.MAPPED)))
                .isGreaterThanOrEqualTo(20);
    }

    @Test
    void theJavaHeapKeepsItsTanInTheDefaultPalettes() {
        assertThat(Palette.LIGHT.rgb(PageClass.NMT_FIRST)).isEqualTo(0xb5835a);
        assertThat(Palette.DARK.rgb(PageClass.NMT_FIRST)).isEqualTo(0xb5835a);
    }

    /** Classes 12..15 are unused. */
    private static boolean shown(int c) {
        return c <= PageClass.FAULTED_UNOWNED || c >= PageClass.NMT_FIRST;
    }

    private static String name(int c) {
        return c < FIXED.length ? FIXED[c] : "NMT category " + (c - PageClass.NMT_FIRST);
    }
}
