package org.uffdvisualizer.render;

/**
 * How different two colours look: the CIE76 colour difference (Euclidean distance in CIELAB,
 * D65 white) of two sRGB colours. About 2.3 is just noticeable side by side; cells of a grid
 * are small and seen apart, so {@link Palette} keeps its colours at least
 * {@link Palette#MIN_DELTA_E} apart.
 */
public final class ColourDistance {

    private ColourDistance() {
    }

    /** CIE76 delta E of two 0xRRGGBB colours. */
    public static double deltaE76(int rgb1, int rgb2) {
        double[] a = lab(rgb1);
        double[] b = lab(rgb2);
        return Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
    }

    /** CIELAB L*, a*, b* of an sRGB colour. */
    static double[] lab(int rgb) {
        double r = linear((rgb >> 16) & 0xff);
        double g = linear((rgb >> 8) & 0xff);
        double b = linear(rgb & 0xff);
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static double sq(double v) {
        return v * v;
    }
}
