package org.uffdvisualizer.swing;

import java.util.List;
import java.util.Locale;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparabilityWarning;
import org.uffdvisualizer.compare.FaultOverlap;
import org.uffdvisualizer.compare.RunOverlap;
import org.uffdvisualizer.compare.Stability;

/** The words around the comparison table: its warnings, and the fault-set overlaps in a few lines. */
final class ComparisonNotes {
    /** Owners listed per overlap, largest first. */
    static final int OWNERS_SHOWN = 6;

    private ComparisonNotes() {
    }

    /** The comparability warnings as one HTML label, one per line; empty for none. */
    static String warnings(CaptureComparison c) {
        if (c.warnings().isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<html>");
        for (ComparabilityWarning w : c.warnings()) {
            b.append("⚠ ").append(w.message().replace("&", "&amp;").replace("<", "&lt;")).append("<br>");
        }
        return b.append("</html>").toString();
    }

    /**
     * Per run against the baseline: the Jaccard index of the faulted pages and the pages only in
     * one or in both, overall, for the selection, and for the largest owners; then the stability
     * of three or more restores of one snapshot.
     */
    static String overlaps(CaptureComparison c, List<String> names) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Pages faulted up to each replay position (the baseline's: fault %,d of %,d; End compares whole restores)%n",
                c.runs().get(c.baseline()).cursor(), c.runs().get(c.baseline()).capture().trace().faultCount()));
        for (RunOverlap o : c.overlaps()) {
            b.append(names.get(o.otherRun())).append(" against ").append(names.get(o.baselineRun())).append(", matched by ")
                    .append(o.basis().name().toLowerCase(Locale.ROOT)).append(": ").append(line(o.overall())).append('\n');
            for (RunOverlap s : c.selectionOverlaps()) {
                if (s.otherRun() == o.otherRun()) {
                    b.append("    selection: ").append(line(s.overall())).append('\n');
                }
            }
            o.byOwner().stream().limit(OWNERS_SHOWN).forEach(f -> b.append("    ").append(f.label()).append(": ")
                    .append(line(f)).append('\n'));
        }
        c.stability().ifPresent(s -> b.append(stability(s)));
        return b.toString();
    }

    private static String line(FaultOverlap f) {
        String jaccard = Double.isNaN(f.jaccard()) ? "no page faulted yet" : String.format(Locale.ROOT, "Jaccard %.3f",
                f.jaccard());
        return String.format(Locale.ROOT, "%s · only baseline %,d · only other %,d · both %,d pages", jaccard,
                f.baselineOnly(), f.otherOnly(), f.both());
    }

    /** The stability overall, then per owner (NMT category, mapping) its median pairwise Jaccard, largest first. */
    private static String stability(Stability s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Stability of %d restores of one snapshot: every"
                + " run %,d · some %,d · one %,d pages · median pairwise Jaccard %.3f%n", s.runs().size(), s.everyRun(),
                s.someRuns(), s.oneRun(), s.medianJaccard()));
        s.byOwner().stream().limit(OWNERS_SHOWN).forEach(o -> b.append(String.format(Locale.ROOT,
                "    %s: median pairwise Jaccard %.3f · every run %,d of %,d pages%n",
                o.process().isEmpty() ? o.name() : o.process() + " / " + o.name(), o.medianJaccard(), o.pagesInEvery(),
                o.pagesInAny())));
        return b.toString();
    }
}
