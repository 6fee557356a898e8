package org.uffdvisualizer.swing;

/**
 * The few number formats of the capture tree's labels and tooltips, written without
 * {@link java.util.Formatter}: the tree formats several numbers for each of its thousands of
 * nodes while the window starts, and {@code String.format} parses its pattern with a regular
 * expression and makes a {@link java.text.DecimalFormat} for every grouped number, which made
 * building the tree cost more than parsing the capture. Each gives exactly what the pattern in
 * its name gives in {@link java.util.Locale#ROOT}.
 */
final class NodeText {

    private NodeText() {
    }

    /** {@code %,d}. */
    static String grouped(long v) {
        String d = Long.toString(v);
        int sign = v < 0 ? 1 : 0;
        int digits = d.length() - sign;
        int first = sign + (digits % 3 == 0 ? 3 : digits % 3);
        StringBuilder b = new StringBuilder(d.length() + digits / 3);
        b.append(d, 0, first);
        for (int i = first; i < d.length(); i += 3) {
            b.append(',').append(d, i, i + 3);
        }
        return b.toString();
    }

    /** {@code %#x}. */
    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** {@code %012x}. */
    static String hex12(long v) {
        String h = Long.toHexString(v);
        return h.length() >= 12 ? h : "0".repeat(12 - h.length()) + h;
    }

    /** {@code %.1f} of {@code v / unit} for {@code 0 <= v < 2^40} and a power of two {@code unit}, rounded half up as the Formatter does. */
    static String tenths(long v, long unit) {
        long t = (v * 10 + unit / 2) / unit;
        return t / 10 + "." + t % 10;
    }
}
