package org.uffdvisualizer.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.uffdvisualizer.compare.CaptureComparison;
import org.uffdvisualizer.compare.ComparabilityWarning;
import org.uffdvisualizer.compare.ComparedRun;
import org.uffdvisualizer.compare.ComparisonRow;
import org.uffdvisualizer.compare.Delta;
import org.uffdvisualizer.compare.FaultOverlap;
import org.uffdvisualizer.compare.Measure;
import org.uffdvisualizer.compare.RunFigures;
import org.uffdvisualizer.compare.RunOverlap;
import org.uffdvisualizer.compare.Stability;

/** Writes {@code compare --json}: runs, warnings, rows, overlaps, selection and stability, keys as in README.md. */
final class ComparisonJson {

    private ComparisonJson() {
    }

    static void write(CaptureComparison c, String selection, PrintWriter out) {
        try {
            JsonWriter w = new JsonWriter(out);
            w.setIndent("  ");
            w.beginObject();
            w.name("baseline").value(c.baseline() + 1);
            w.name("runs").beginArray();
            for (int r = 0; r < c.runs().size(); r++) {
                run(w, c, r);
            }
            w.endArray();
            w.name("warnings").beginArray();
            for (ComparabilityWarning warning : c.warnings()) {
                w.beginObject();
                w.name("kind").value(warning.kind().name().toLowerCase(Locale.ROOT));
                w.name("message").value(warning.message());
                w.endObject();
            }
            w.endArray();
            w.name("rows").beginArray();
            for (ComparisonRow row : c.rows()) {
                row(w, row, c.baseline());
            }
            w.endArray();
            w.name("overlaps").beginArray();
            for (RunOverlap o : c.overlaps()) {
                overlap(w, o);
            }
            w.endArray();
            if (selection != null) {
                w.name("selection").beginObject();
                w.name("name").value(selection);
                w.name("overlaps").beginArray();
                for (RunOverlap o : c.selectionOverlaps()) {
                    overlap(w, o);
                }
                w.endArray();
                w.endObject();
            }
            w.name("stability");
            if (c.stability().isPresent()) {
                stability(w, c.stability().get());
            } else {
                w.nullValue();
            }
            w.endObject();
            w.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(JsonWriter w, CaptureComparison c, int r) throws IOException {
        ComparedRun run = c.runs().get(r);
        w.beginObject();
        w.name("run").value(r + 1);
        w.name("name").value(run.facts().name());
        w.name("label").value(run.label());
        w.name("executable").value(run.facts().executable());
        w.name("jdk").value(run.facts().jdk());
        w.name("flags").beginArray();
        for (String f : run.facts().flags()) {
            w.value(f);
        }
        w.endArray();
        w.name("mappings").value(run.loaded().files().mappings().toString());
        w.name("uffd").value(run.loaded().files().uffd() == null ? null : run.loaded().files().uffd().toString());
        w.name("faults").value(run.capture().trace().faultCount());
        w.name("cursor").value(run.cursor());
        w.name("faultedPages").value(c.faultedPages(r));
        w.endObject();
    }

    private static void row(JsonWriter w, ComparisonRow row, int baseline) throws IOException {
        w.beginObject();
        w.name("kind").value(row.kind().name().toLowerCase(Locale.ROOT));
        w.name("process").value(row.process());
        w.name("name").value(row.name());
        w.name("runs").beginArray();
        for (int r = 0; r < row.runCount(); r++) {
            RunFigures f = row.figures(r);
            if (f == null) {
                w.nullValue();
                continue;
            }
            w.beginObject();
            for (Measure m : Measure.values()) {
                bytes(w.name(m.key()), f.value(m));
            }
            number(w.name("touchedShare"), f.touchedShare());
            w.name("touchedExtents").value(row.touchedExtents(r));
            w.endObject();
        }
        w.endArray();
        w.name("presence").beginArray();
        for (int r = 0; r < row.runCount(); r++) {
            w.value(r == baseline ? "baseline" : row.presence(r).name().toLowerCase(Locale.ROOT));
        }
        w.endArray();
        w.name("deltas").beginArray();
        for (int r = 0; r < row.runCount(); r++) {
            if (r == baseline) {
                w.nullValue();
                continue;
            }
            w.beginObject();
            for (Measure m : Measure.values()) {
                Delta d = row.delta(r, m);
                w.name(m.key());
                if (d == null) {
                    w.nullValue();
                } else {
                    w.beginObject();
                    w.name("absolute").value(d.absolute());
                    number(w.name("ratio"), d.ratio());
                    w.endObject();
                }
            }
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static void overlap(JsonWriter w, RunOverlap o) throws IOException {
        w.beginObject();
        w.name("baseline").value(o.baselineRun() + 1);
        w.name("other").value(o.otherRun() + 1);
        w.name("matchedBy").value(o.basis().name().toLowerCase(Locale.ROOT));
        w.name("overall");
        counts(w, o.overall());
        w.name("baselineUnmatched").value(o.baselineUnmatched());
        w.name("otherUnmatched").value(o.otherUnmatched());
        w.name("owners").beginArray();
        for (FaultOverlap f : o.byOwner()) {
            counts(w, f);
        }
        w.endArray();
        w.endObject();
    }

    private static void counts(JsonWriter w, FaultOverlap f) throws IOException {
        w.beginObject();
        w.name("kind").value(f.kind());
        w.name("process").value(f.process());
        w.name("name").value(f.name());
        w.name("onlyBaseline").value(f.baselineOnly());
        w.name("onlyOther").value(f.otherOnly());
        w.name("both").value(f.both());
        number(w.name("jaccard"), f.jaccard());
        w.endObject();
    }

    private static void stability(JsonWriter w, Stability s) throws IOException {
        w.beginObject();
        w.name("runs").beginArray();
        for (int r : s.runs()) {
            w.value(r + 1);
        }
        w.endArray();
        w.name("everyRun").value(s.everyRun());
        w.name("someRuns").value(s.someRuns());
        w.name("oneRun").value(s.oneRun());
        w.name("noRun").value(s.noRun());
        number(w.name("medianJaccard"), s.medianJaccard());
        w.name("owners").beginArray();
        for (Stability.OwnerStability o : s.byOwner()) {
            w.beginObject();
            w.name("kind").value(o.kind());
            w.name("process").value(o.process());
            w.name("name").value(o.name());
            number(w.name("medianJaccard"), o.medianJaccard());
            w.name("pagesInAny").value(o.pagesInAny());
            w.name("pagesInEvery").value(o.pagesInEvery());
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }

    /** Bytes, or null for a figure the run cannot know (-1). */
    private static void bytes(JsonWriter w, long v) throws IOException {
        if (v < 0) {
            w.nullValue();
        } else {
            w.value(v);
        }
    }

    /** A number, or null for NaN (JSON has none). */
    private static void number(JsonWriter w, double v) throws IOException {
        if (Double.isNaN(v)) {
            w.nullValue();
        } else {
            w.value(v);
        }
    }
}
