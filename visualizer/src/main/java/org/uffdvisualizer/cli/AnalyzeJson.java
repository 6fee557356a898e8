package org.uffdvisualizer.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.uffdvisualizer.analyze.FaultLocality;
import org.uffdvisualizer.analyze.LocalityReport;
import org.uffdvisualizer.analyze.OwnerExtents;

/** Writes {@code analyze --json}: every figure, keys as in README.md. */
final class AnalyzeJson {

    private AnalyzeJson() {
    }

    static void write(LocalityReport a, PrintWriter out) {
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.beginObject();
            w.name("traceEntries").value(a.traceEntries());
            w.name("trace");
            locality(w, a.trace());
            if (a.selection() != null) {
                w.name("selection");
                w.beginObject();
                w.name("label").value(a.selectionLabel());
                w.name("figures");
                locality(w, a.selection());
                w.endObject();
            }
            w.name("unownedPages").value(a.unownedPages());
            w.name("owners").beginArray();
            for (OwnerExtents.Owner o : a.owners().owners()) {
                w.beginObject();
                w.name("kind").value(o.kind());
                w.name("pid").value(o.pid());
                w.name("process").value(o.process());
                w.name("name").value(o.name());
                w.name("firstFault").value(o.firstFault());
                w.name("lastFault").value(o.lastFault());
                w.name("pages").value(o.pages());
                w.name("virtualExtents").value(o.virtualExtents());
                w.name("physicalExtents").value(o.physicalExtents());
                w.endObject();
            }
            w.endArray();
            w.endObject();
            w.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void locality(JsonWriter w, FaultLocality f) throws IOException {
        w.beginObject();
        w.name("faults").value(f.faults());
        w.name("nextPageFaults").value(f.nextPageFaults());
        w.name("nextPageFraction").value(f.nextPageFraction());
        w.name("runs").value(f.runs());
        w.name("meanRun").value(f.meanRun());
        w.name("runLengths").beginObject();
        for (int l = 1; l <= f.longestRun(); l++) {
            if (f.runsOfLength(l) > 0) {
                w.name(Integer.toString(l)).value(f.runsOfLength(l));
            }
        }
        w.endObject();
        w.name("blocks2M").value(f.blocks());
        w.name("servedPages").value(f.servedFrames());
        w.name("meanBlockFill").value(f.meanBlockFill());
        w.name("blockFill").beginObject();
        for (int b = 0; b < FaultLocality.FILL_BUCKETS; b++) {
            w.name(fillBucket(b)).value(f.blocksInFillBucket(b));
        }
        w.endObject();
        if (f.hasTimes()) {
            w.name("timeNanos").beginObject();
            w.name("p50").value(f.nanosTo50());
            w.name("p90").value(f.nanosTo90());
            w.name("p98").value(f.nanosTo98());
            w.name("last").value(f.spanNanos());
            w.endObject();
        }
        w.endObject();
    }

    /** The label of fill bucket {@code b}: the range of served pages per block, "1", "2-3", ..., "512". */
    static String fillBucket(int b) {
        int lo = 1 << b;
        int hi = b == FaultLocality.FILL_BUCKETS - 1 ? lo : (lo << 1) - 1;
        return lo == hi ? Integer.toString(lo) : lo + "-" + hi;
    }
}
