package org.uffdvisualizer.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.uffdvisualizer.prefetch.Outcome;
import org.uffdvisualizer.prefetch.PrefetchReport;

/** Writes {@code prefetch --json}: every figure, keys as in README.md. */
final class PrefetchJson {

    private PrefetchJson() {
    }

    /** An exported working set, for the JSON. */
    record Export(String file, String strategy, String selection, long pages, int extents) {
    }

    static void write(PrefetchReport r, String capture, Export export, PrintWriter out) {
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.beginObject();
            w.name("capture").value(capture);
            strings(w, "runs", r.runs());
            strings(w, "train", r.train());
            strings(w, "test", r.test());
            w.name("scoredOnTraining").value(r.scoredOnTraining());
            w.name("costModel").beginObject();
            w.name("faultNanos").value(r.cost().faultNanos());
            w.name("bytesPerSecond").value(r.cost().bytesPerSecond());
            w.endObject();
            w.name("goal").beginObject();
            w.name("avoidedPercentAtLeast").value(Outcome.GOAL_AVOIDED_PERCENT);
            w.name("wastedPercentAtMost").value(Outcome.GOAL_WASTED_PERCENT);
            w.endObject();
            w.name("bestAround").beginObject();
            for (int t = 0; t < r.test().size(); t++) {
                w.name(r.test().get(t)).value(r.bestAround().get(t));
            }
            w.endObject();
            w.name("outcomes").beginArray();
            for (Outcome o : r.outcomes()) {
                outcome(w, o);
            }
            w.endArray();
            strings(w, "notes", r.notes());
            if (export != null) {
                w.name("export").beginObject();
                w.name("file").value(export.file());
                w.name("strategy").value(export.strategy());
                w.name("selection").value(export.selection());
                w.name("pages").value(export.pages());
                w.name("extents").value(export.extents());
                w.endObject();
            }
            w.endObject();
            w.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void outcome(JsonWriter w, Outcome o) throws IOException {
        w.beginObject();
        w.name("strategy").value(o.strategy());
        w.name("selection").value(o.selection());
        strings(w, "train", o.train());
        w.name("test").value(o.test());
        w.name("scoredOnTraining").value(o.scoredOnTraining());
        w.name("demandFaults").value(o.demandFaults());
        w.name("faultsLeft").value(o.faultsLeft());
        w.name("faultsAvoidedPercent").value(round(o.faultsAvoidedPercent()));
        w.name("bytesFetched").value(o.bytesFetched());
        w.name("bytesWasted").value(o.bytesWasted());
        w.name("wastedPercent").value(round(o.wastedPercent()));
        w.name("prefetchExtents").value(o.prefetchExtents());
        w.name("extents").value(o.extents());
        w.name("estimatedNanos").value(o.estimatedNanos());
        w.name("meetsGoal").value(o.meetsGoal());
        w.endObject();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void strings(JsonWriter w, String name, List<String> values) throws IOException {
        w.name(name).beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }
}
