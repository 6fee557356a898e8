package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fault-order scale is ordered by lightness and changes by equal amounts along its length. */
class OrderScaleTest {

    @Test
    void lightnessRisesAndStepsLookEqual() {
        double min = Double.MAX_VALUE;
        double max = 0;
        double previousL = -1;
        int steps = 16;
        for (int k = 0; k <= steps; k++) {
            int rgb = OrderScale.rgb((double) k / steps);
            double l = ColourDistance.lab(rgb)[0];
            assertThat(l).as("L* at step %d", k).isGreaterThan(previousL);
            previousL = l;
            if (k > 0) {
                double d = ColourDistance.deltaE76(OrderScale.rgb((double) (k - 1) / steps), rgb);
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        // Rounding to 8-bit sRGB leaves some unevenness; a scale through fixed hues in RGB varies 3x or more.
        assertThat(max / min).isLessThan(1.2);
        assertThat(ColourDistance.deltaE76(OrderScale.rgb(0), OrderScale.rgb(1))).isGreaterThan(80);
    }
}
