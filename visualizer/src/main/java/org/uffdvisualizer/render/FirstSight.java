package org.uffdvisualizer.render;

import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.SectionKind;

/**
 * Which process a capture opens with selected: its most interesting JVM. A capture is taken to
 * watch a JVM restore, so the JVM that the restore served most pages to (uffd-loaded) is the
 * one to look at; without a uffd log, the largest by resident pages. A JVM is a process with an
 * NMT report or an executable named {@code java}; if there is none, any process will do.
 */
public final class FirstSight {

    private FirstSight() {
    }

    /** The mem_mapping section to select first, or -1 if the capture has no process. */
    public static int section(Capture capture) {
        int best = -1;
        boolean bestJvm = false;
        Capture.SectionTotals bestTotals = null;
        for (int s = 0; s < capture.mappings().sectionCount(); s++) {
            if (capture.mappings().sectionKind(s) != SectionKind.PROCESS) {
                continue;
            }
            Capture.SectionTotals t = capture.sectionTotals(s);
            boolean jvm = isJvm(capture, s, t.name());
            if (best < 0 || jvm && !bestJvm || jvm == bestJvm && moreInteresting(t, bestTotals)) {
                best = s;
                bestJvm = jvm;
                bestTotals = t;
            }
        }
        return best;
    }

    private static boolean moreInteresting(Capture.SectionTotals a, Capture.SectionTotals b) {
        return a.uffdLoadedPages() != b.uffdLoadedPages() ? a.uffdLoadedPages() > b.uffdLoadedPages()
                : a.residentPages() > b.residentPages();
    }

    private static boolean isJvm(Capture capture, int section, String exe) {
        for (NmtUsage u : capture.nmt()) {
            if (u.section() == section) {
                return true;
            }
        }
        return exe.equals("java") || exe.endsWith("/java");
    }
}
