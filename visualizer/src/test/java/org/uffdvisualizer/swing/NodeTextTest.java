package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The tree's number formats give what the Formatter's patterns they replace give. */
class NodeTextTest {
    private static final long[] EDGES = {0, 1, 9, 10, 99, 100, 999, 1000, 1023, 1024, 9999, 10_000, 999_999, 1_000_000,
        123_456_789, -1, -999, -1000, -1_234_567, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
        0xfff_ffff_ffffL, 0x1000_0000_0000L, 0x7f12_3456_7000L};

    @Test
    void groupedIsCommaGroupedDecimal() {
        for (long v : values()) {
            assertThat(NodeText.grouped(v)).as("%d", v).isEqualTo(String.format(Locale.ROOT, "%,d", v));
        }
    }

    @Test
    void hexFormsAreThoseOfThePatterns() {
        for (long v : values()) {
            assertThat(NodeText.hex(v)).as("%d", v).isEqualTo(String.format("%#x", v));
            assertThat(NodeText.hex12(v)).as("%d", v).isEqualTo(String.format("%012x", v));
        }
    }

    @Test
    void tenthsRoundHalfUpAsTheFormatterDoes() {
        for (long v : values()) {
            // Up to 1 PiB in KiB: far beyond, the Formatter rounds its shortest decimal form a second time.
            if (v >= 0 && v < 1L << 40) {
                assertThat(NodeText.tenths(v, 1024)).as("%d", v).isEqualTo(String.format(Locale.ROOT, "%.1f", v / 1024.0));
                assertThat(NodeText.tenths(v, 1024 * 1024)).as("%d", v)
                        .isEqualTo(String.format(Locale.ROOT, "%.1f", v / (1024.0 * 1024)));
            }
        }
        // Exactly half a tenth (0.25, 1.75) rounds up, as the Formatter's HALF_UP does.
        for (long odd = 1; odd < 10_000; odd += 2) {
            long v = 256 * odd;   // v / 1024 = odd / 4: 0.25, 0.75, 1.25, ...
            assertThat(NodeText.tenths(v, 1024)).isEqualTo(String.format(Locale.ROOT, "%.1f", v / 1024.0));
        }
        assertThat(NodeText.tenths(256, 1024)).isEqualTo("0.3");
        assertThat(NodeText.tenths(1792, 1024)).isEqualTo("1.8");
        assertThat(NodeText.tenths(262_144, 1024 * 1024)).isEqualTo("0.3");
    }

    private static long[] values() {
        SplittableRandom r = new SplittableRandom(15);
        long[] v = new long[EDGES.length + 30_000];
        System.arraycopy(EDGES, 0, v, 0, EDGES.length);
        for (int i = EDGES.length; i < v.length; i++) {
            int bits = r.nextInt(1, 64);
            v[i] = r.nextLong() >> (64 - bits);
        }
        return v;
    }
}
