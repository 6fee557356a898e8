package org.uffdvisualizer.compare;

import java.util.Locale;

/** Byte counts for people: "3.8 MiB", "-1.2 GiB", "512 B". */
public final class Bytes {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Bytes() {
    }

    public static String human(long bytes) {
        long abs = Math.abs(bytes);
        int u = 0;
        double v = abs;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        String sign = bytes < 0 ? "-" : "";
        return u == 0 ? sign + abs + " B" : sign + String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, UNITS[u]);
    }
}
