package org.uffdvisualizer.render;

/**
 * The colour scale of the fault-order overlay: dark violet for the first fault, through blue,
 * teal and green, to light yellow for the last, computed here in CIELAB (D65). Lightness rises
 * steadily from L* 22 to 92 while the hue turns from 300 to 100 degrees, with as much chroma (up to
 * 50) as sRGB allows at each point; the curve is then resampled at equal CIE76 steps, so equal
 * distances in fault order look equally different anywhere on the scale, and its lightness
 * alone still orders it for readers who cannot tell the hues apart.
 */
public final class OrderScale {
    /** Colours in the scale. */
    public static final int STEPS = 256;
    private static final int SAMPLES = 4096;
    private static final int[] RGB = build();

    private OrderScale() {
    }

    /** The colour at {@code t} in [0, 1]: 0 the first fault, 1 the last (clamped). */
    public static int rgb(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        return RGB[(int) Math.round(c * (STEPS - 1))];
    }

    private static int[] build() {
        double[][] lab = new double[SAMPLES][];
        double[] arc = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            double s = (double) i / (SAMPLES - 1);
            lab[i] = inGamut(22 + 70 * s, 50, Math.toRadians(300 - 200 * s));
            if (i > 0) {
                arc[i] = arc[i - 1] + Math.sqrt(sq(lab[i][0] - lab[i - 1][0]) + sq(lab[i][1] - lab[i - 1][1])
                        + sq(lab[i][2] - lab[i - 1][2]));
            }
        }
        int[] out = new int[STEPS];
        int j = 0;
        for (int k = 0; k < STEPS; k++) {
            double target = arc[SAMPLES - 1] * k / (STEPS - 1);
            while (j < SAMPLES - 2 && arc[j + 1] < target) {
                j++;
            }
            double span = arc[j + 1] - arc[j];
            double w = span == 0 ? 0 : Math.max(0, Math.min(1, (target - arc[j]) / span));
            out[k] = toRgb(lab[j][0] + w * (lab[j + 1][0] - lab[j][0]), lab[j][1] + w * (lab[j + 1][1] - lab[j][1]),
                    lab[j][2] + w * (lab[j + 1][2] - lab[j][2]));
        }
        return out;
    }

    /** The L*a*b* point of lightness {@code l} and hue {@code h} with the most chroma up to {@code c} inside sRGB. */
    private static double[] inGamut(double l, double c, double h) {
        double lo = 0;
        double hi = c;
        for (int i = 0; i < 30; i++) {
            double mid = (lo + hi) / 2;
            if (inside(linearRgb(l, mid * Math.cos(h), mid * Math.sin(h)))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new double[] {l, lo * Math.cos(h), lo * Math.sin(h)};
    }

    /** Linear sRGB of an L*a*b* colour; components outside [0, 1] mean outside the gamut. */
    private static double[] linearRgb(double l, double a, double b) {
        double fy = (l + 16) / 116;
        double x = 0.95047 * finv(fy + a / 500);
        double y = finv(fy);
        double z = 1.08883 * finv(fy - b / 200);
        return new double[] {
            3.2406 * x - 1.5372 * y - 0.4986 * z,
            -0.9689 * x + 1.8758 * y + 0.0415 * z,
            0.0557 * x - 0.2040 * y + 1.0570 * z};
    }

    private static boolean inside(double[] rgb) {
        for (double v : rgb) {
            if (v < -1e-9 || v > 1 + 1e-9) {
                return false;
            }
        }
        return true;
    }

    private static int toRgb(double l, double a, double b) {
        double[] lin = linearRgb(l, a, b);
        int out = 0;
        for (double v : lin) {
            double c = Math.max(0, Math.min(1, v));
            double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
            out = (out << 8) | (int) Math.round(s * 255);
        }
        return out;
    }

    private static double finv(double t) {
        return t > 6.0 / 29 ? t * t * t : 3 * sq(6.0 / 29) * (t - 4.0 / 29);
    }

    private static double sq(double v) {
        return v * v;
    }
}
