package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.parse.FileStats;

/**
 * Writes a {@link Summary} as text: first the lines the original tool printed when it loaded a
 * capture, then a table per process and per NMT category.
 */
final class SummaryText {
    private final Summary s;
    private final boolean stats;

    SummaryText(Summary summary, boolean stats) {
        this.s = summary;
        this.stats = stats;
    }

    void write(PrintWriter out) {
        parseLines(out);
        out.println();
        if (s.capture.trace().orderNote() != null) {
            out.println("Restore order: " + s.capture.trace().orderNote());
        }
        addressSpace(out);
        out.println();
        processes(out);
        for (NmtUsage u : s.nmt()) {
            out.println();
            nmt(out, u);
        }
        if (stats) {
            out.println();
            stats(out);
        }
        if (!s.loaded.isComplete()) {
            out.println();
            out.printf(Locale.ROOT, "INCOMPLETE: %,d line(s) could not be used (see the warnings on stderr)%n",
                    s.loaded.diagnostics().count());
        }
    }

    private void parseLines(PrintWriter out) {
        int processes = 0;
        for (Capture.SectionTotals t : s.sections) {
            if (t.pid() > 0) {
                processes++;
            }
        }
        FileStats[] st = s.stats().toArray(new FileStats[0]);
        out.printf(Locale.ROOT, "Parsed %d mappings for %d processes in %.0fms.%n",
                s.capture.mappings().mappingCount(), processes, st[0].millis());
        int next = 1;
        if (s.loaded.files().uffd() != null) {
            out.printf(Locale.ROOT,
                    "Parsed %d UFFD events (%d pages / %dkb loaded, %d pages / %dkb zeroed, %d removed) in %.0fms.%n",
                    s.faults, s.loadedPages, Summary.kb(s.loadedPages), s.zeroedPages, Summary.kb(s.zeroedPages),
                    s.capture.trace().removeCount(), st[next++].millis());
        }
        for (NmtUsage u : s.nmt()) {
            out.printf(Locale.ROOT, "Parsed %d NMT mappings (%d committed) for Java process %d in %.0fms.%n",
                    u.map().reservedCount(), u.map().committedCount(), u.map().pid(), st[next++].millis());
        }
    }

    private void addressSpace(PrintWriter out) {
        PhysicalLayout p = s.capture.physical();
        out.printf(Locale.ROOT, "Physical memory: %,d KB of RAM, addresses 0x0-%#x (%,d frames, layout %s)%n",
                p.ramBytes() / 1024, p.end(), p.frameCount(), p.layout().label());
        out.printf(Locale.ROOT, "Owned pages: %,d (%,d KB), shared by more than one owner: %,d%n",
                s.capture.mappings().pageCount(), Summary.kb(s.capture.mappings().pageCount()),
                s.capture.sharedPageCount());
        if (s.capture.trace().faultCount() > 0) {
            out.printf(Locale.ROOT, "Faulted pages: %,d unique, %,d of them owned by nobody in the dump%n",
                    s.capture.trace().uniquePageCount(), s.capture.unownedFaultedPages());
        }
    }

    private void processes(PrintWriter out) {
        out.printf(Locale.ROOT, "%8s  %-40s %9s %12s %12s %12s %12s%n",
                "PID", "PROCESS", "MAPPINGS", "RSS KB", "PSS KB", "UFFD KB", "ZEROED KB");
        for (Capture.SectionTotals t : s.sections) {
            out.printf(Locale.ROOT, "%8d  %-40s %9d %12d %12.0f %12d %12d%n",
                    t.pid(), name(t), t.mappings(), Summary.kb(t.residentPages()),
                    t.pssPages() * PhysicalLayout.PAGE_SIZE / 1024, Summary.kb(t.uffdLoadedPages()),
                    Summary.kb(t.uffdZeroedPages()));
        }
    }

    private static String name(Capture.SectionTotals t) {
        SectionKind kind = SectionKind.ofPid(t.pid());
        String n = kind == SectionKind.PROCESS ? t.name() : "[" + t.name() + "]";
        return n.length() > 40 ? "..." + n.substring(n.length() - 37) : n;
    }

    private static void nmt(PrintWriter out, NmtUsage u) {
        out.printf(Locale.ROOT, "NMT of pid %d (%s): %d reserved regions, %d committed%n", u.map().pid(),
                u.map().source().getFileName(), u.map().reservedCount(), u.map().committedCount());
        out.printf(Locale.ROOT, "  %-28s %12s %12s %12s %12s%n", "CATEGORY", "RESERVED KB", "COMMITTED KB",
                "RESIDENT KB", "UFFD KB");
        for (int c = 0; c < u.map().categoryCount(); c++) {
            NmtUsage.CategoryTotals t = u.categoryTotals(c);
            out.printf(Locale.ROOT, "  %-28s %12d %12d %12d %12d%n", t.name(), t.reservedBytes() / 1024,
                    t.committedBytes() / 1024, t.residentBytes() / 1024, t.uffdBytes() / 1024);
        }
    }

    private void stats(PrintWriter out) {
        out.println("Parse statistics:");
        for (FileStats f : s.stats()) {
            out.printf(Locale.ROOT, "  %-40s %,12d lines %10.1f ms %,14.0f lines/s %8.1f MB/s%n",
                    f.file().getFileName(), f.lines(), f.millis(), f.linesPerSecond(), f.megabytesPerSecond());
        }
        out.printf(Locale.ROOT, "  mappings model: %,d bytes for %,d p lines = %.1f bytes per p line%n",
                s.capture.mappings().heapBytes(), s.entries, s.mappingsBytesPerEntry());
        if (s.capture.trace().faultCount() > 0) {
            out.printf(Locale.ROOT, "  fault trace: %,d bytes for %,d faults = %.1f bytes per fault%n",
                    s.capture.trace().heapBytes(), s.capture.trace().faultCount(), s.traceBytesPerFault());
        }
        out.printf(Locale.ROOT, "  whole model: %,d bytes = %.1f bytes per p line%n", s.capture.heapBytes(),
                s.modelBytesPerEntry());
    }
}
