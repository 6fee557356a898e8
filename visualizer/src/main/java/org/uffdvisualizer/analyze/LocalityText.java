package org.uffdvisualizer.analyze;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A {@link LocalityReport} as text, for {@code analyze} and the window's Locality dialog: the
 * locality figures, then the owners with the most faulted pages.
 */
public final class LocalityText {
    /** Owners listed in text; JSON has them all. */
    private static final int SHOWN_OWNERS = 25;

    private LocalityText() {
    }

    public static void write(LocalityReport a, PrintWriter out) {
        out.printf(Locale.ROOT, "%-34s %20s", "Locality", "whole trace");
        if (a.selection() != null) {
            out.printf(Locale.ROOT, " %20s", clip(a.selectionLabel(), 20));
        }
        out.println();
        row(out, "faults", a, f -> String.format(Locale.ROOT, "%,d", f.faults()));
        row(out, "next-page faults", a, f -> String.format(Locale.ROOT, "%.1f%%", 100 * f.nextPageFraction()));
        row(out, "runs of consecutive faults", a, f -> String.format(Locale.ROOT, "%,d", f.runs()));
        row(out, "mean run (faults)", a, f -> String.format(Locale.ROOT, "%.2f", f.meanRun()));
        row(out, "longest run (faults)", a, f -> String.format(Locale.ROOT, "%,d", f.longestRun()));
        row(out, "runs of 1 / 2 / 3-7 / 8+", a, f -> runBuckets(f));
        row(out, "2 MiB blocks touched", a, f -> String.format(Locale.ROOT, "%,d", f.blocks()));
        row(out, "mean block fill", a, f -> String.format(Locale.ROOT, "%.1f%%", 100 * f.meanBlockFill()));
        row(out, "full blocks (512 pages)", a, f -> String.format(Locale.ROOT, "%,d", f.blocksInFillBucket(9)));
        if (a.trace().hasTimes()) {
            row(out, "50% / 90% / 98% of faults by (ms)", a, f -> f.hasTimes() ? String.format(Locale.ROOT, "%.0f/%.0f/%.0f",
                    f.nanosTo50() / 1e6, f.nanosTo90() / 1e6, f.nanosTo98() / 1e6) : "-");
        }
        out.println();
        List<OwnerExtents.Owner> owners = new ArrayList<>(a.owners().owners());
        owners.sort(Comparator.comparingInt(OwnerExtents.Owner::pages).reversed());
        out.printf(Locale.ROOT, "%-8s %-40s %10s %10s %9s %14s %14s%n", "PID", "Owner", "first", "last", "pages",
                "virt extents", "phys extents");
        for (OwnerExtents.Owner o : owners.subList(0, Math.min(SHOWN_OWNERS, owners.size()))) {
            out.printf(Locale.ROOT, "%-8d %-40s %,10d %,10d %,9d %,14d %,14d%n", o.pid(),
                    clip(("nmt".equals(o.kind()) ? "NMT " : "") + o.name(), 40), o.firstFault(), o.lastFault(),
                    o.pages(), o.virtualExtents(), o.physicalExtents());
        }
        if (owners.size() > SHOWN_OWNERS) {
            out.printf(Locale.ROOT, "(%d more owners in --json)%n", owners.size() - SHOWN_OWNERS);
        }
        out.printf(Locale.ROOT, "Faulted pages nobody owns: %,d%n", a.unownedPages());
    }

    private static String runBuckets(FaultLocality f) {
        int two = f.runsOfLength(2);
        int mid = 0;
        int longer = 0;
        for (int l = 3; l <= f.longestRun(); l++) {
            if (l < 8) {
                mid += f.runsOfLength(l);
            } else {
                longer += f.runsOfLength(l);
            }
        }
        return String.format(Locale.ROOT, "%d/%d/%d/%d", f.runsOfLength(1), two, mid, longer);
    }

    private static void row(PrintWriter out, String label, LocalityReport a,
                            java.util.function.Function<FaultLocality, String> value) {
        out.printf(Locale.ROOT, "%-34s %20s", label, value.apply(a.trace()));
        if (a.selection() != null) {
            out.printf(Locale.ROOT, " %20s", value.apply(a.selection()));
        }
        out.println();
    }

    private static String clip(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
