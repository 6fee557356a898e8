package org.uffdvisualizer.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.FileStats;

/**
 * Writes a {@link Summary} as JSON. The keys documented in README.md keep their meaning; new
 * keys may be added.
 */
final class SummaryJson {
    private final Summary s;
    private final boolean stats;

    SummaryJson(Summary summary, boolean stats) {
        this.s = summary;
        this.stats = stats;
    }

    void write(PrintWriter out) {
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.beginObject();
            w.name("pageSize").value(PhysicalLayout.PAGE_SIZE);
            w.name("physicalPages").value(s.capture.mappings().pageCount());
            w.name("sharedPages").value(s.capture.sharedPageCount());
            addressSpace(w);
            processes(w);
            uffd(w);
            nmt(w);
            w.name("diagnostics").value(s.loaded.diagnostics().count());
            w.name("complete").value(s.loaded.isComplete());
            if (stats) {
                stats(w);
            }
            w.endObject();
            w.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addressSpace(JsonWriter w) throws IOException {
        PhysicalLayout p = s.capture.physical();
        w.name("addressSpace").beginObject();
        w.name("layout").value(p.layout().label());
        w.name("endAddress").value(p.end());
        w.name("frames").value(p.frameCount());
        w.name("ramBytes").value(p.ramBytes());
        w.endObject();
    }

    private void processes(JsonWriter w) throws IOException {
        w.name("processes").beginArray();
        for (Capture.SectionTotals t : s.sections) {
            w.beginObject();
            w.name("pid").value(t.pid());
            w.name("name").value(t.name());
            w.name("mappings").value(t.mappings());
            w.name("residentPages").value(t.residentPages());
            w.name("pssPages").value(t.pssPages());
            w.name("uffdLoadedPages").value(t.uffdLoadedPages());
            w.name("uffdZeroedPages").value(t.uffdZeroedPages());
            w.endObject();
        }
        w.endArray();
    }

    private void uffd(JsonWriter w) throws IOException {
        FaultTrace t = s.capture.trace();
        w.name("uffd").beginObject();
        w.name("file").value(s.loaded.files().uffd() == null ? null : s.loaded.files().uffd().toString());
        w.name("events").value(s.faults);
        w.name("loaded").value(s.loadedFaults);
        w.name("zeroed").value(s.zeroedFaults);
        w.name("removed").value(t.removeCount());
        w.name("uniquePages").value(t.uniquePageCount());
        w.name("prefetched").value(s.prefetched);
        w.name("loadedPages").value(s.loadedPages);
        w.name("zeroedPages").value(s.zeroedPages);
        w.name("unownedPages").value(s.capture.unownedFaultedPages());
        if (s.capture.trace().orderNote() != null) {
            w.name("orderNote").value(s.capture.trace().orderNote());
            w.name("composedOrder").value(s.capture.trace().isComposedOrder());
        }
        w.endObject();
    }

    private void nmt(JsonWriter w) throws IOException {
        w.name("nmt").beginArray();
        for (NmtUsage u : s.nmt()) {
            w.beginObject();
            w.name("pid").value(u.map().pid());
            w.name("file").value(u.map().source().toString());
            w.name("reserved").value(u.map().reservedCount());
            w.name("committed").value(u.map().committedCount());
            w.name("categories").beginObject();
            for (int c = 0; c < u.map().categoryCount(); c++) {
                NmtUsage.CategoryTotals t = u.categoryTotals(c);
                w.name(t.name()).beginObject();
                w.name("reservedBytes").value(t.reservedBytes());
                w.name("committedBytes").value(t.committedBytes());
                w.name("residentBytes").value(t.residentBytes());
                w.name("uffdBytes").value(t.uffdBytes());
                w.endObject();
            }
            w.endObject();
            w.endObject();
        }
        w.endArray();
    }

    private void stats(JsonWriter w) throws IOException {
        w.name("stats").beginObject();
        w.name("files").beginArray();
        for (FileStats f : s.stats()) {
            w.beginObject();
            w.name("file").value(f.file().toString());
            w.name("lines").value(f.lines());
            w.name("textBytes").value(f.textBytes());
            w.name("millis").value(f.millis());
            w.name("linesPerSecond").value(Math.round(f.linesPerSecond()));
            w.name("megabytesPerSecond").value(f.megabytesPerSecond());
            w.endObject();
        }
        w.endArray();
        w.name("pLines").value(s.entries);
        w.name("modelHeapBytes").value(s.capture.heapBytes());
        w.name("modelHeapBytesPerPLine").value(s.modelBytesPerEntry());
        w.name("mappingsHeapBytes").value(s.capture.mappings().heapBytes());
        w.name("mappingsHeapBytesPerPLine").value(s.mappingsBytesPerEntry());
        w.name("traceHeapBytes").value(s.capture.trace().heapBytes());
        w.name("traceHeapBytesPerFault").value(s.traceBytesPerFault());
        w.endObject();
    }
}
