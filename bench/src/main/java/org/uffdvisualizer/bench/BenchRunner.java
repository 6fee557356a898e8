package org.uffdvisualizer.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uffdvisualizer.generate.CaptureGenerator;

/**
 * Runs the benchmark: generates each configuration's capture once (cached under the work
 * directory, regenerated when the options change), then for every run starts two fresh JVMs, one
 * counting lines and one loading the capture with the configuration's {@code -Xmx}, and prints
 * the medians. Numbers, not pass/fail.
 */
public final class BenchRunner {
    private final Path work;
    private final int runs;
    private final String java;
    private final String classPath;
    private final PrintWriter out;

    public BenchRunner(Path work, int runs, String java, String classPath, PrintWriter out) {
        this.work = work;
        this.runs = runs;
        this.java = java;
        this.classPath = classPath;
        this.out = out;
    }

    /** Medians of one configuration; values are NaN where a run failed. */
    public record Row(BenchConfig config, Map<String, Double> median, int failures, String failure) {
        double get(String key) {
            return median.getOrDefault(key, Double.NaN);
        }
    }

    public List<Row> run(List<BenchConfig> configs) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (BenchConfig c : configs) {
            Path dir = capture(c);
            probe("count", dir, "256m");                       // warms the page cache; not counted
            List<Map<String, Double>> samples = new ArrayList<>();
            int failures = 0;
            String failure = null;
            for (int r = 0; r < runs; r++) {
                Map<String, Double> sample = new HashMap<>();
                try {
                    Map<String, Double> count = probe("count", dir, "256m");
                    count.forEach((k, v) -> sample.put("count." + k, v));
                    sample.putAll(probe("load", dir, c.xmx()));
                    samples.add(sample);
                } catch (IOException e) {
                    failures++;
                    failure = e.getMessage();
                }
                out.printf("  %s run %d/%d%s%n", c.name(), r + 1, runs, failure == null ? "" : " FAILED: " + failure);
                out.flush();
            }
            rows.add(new Row(c, medians(samples), failures, failure));
        }
        return rows;
    }

    /** The capture of {@code c}, generated under the work directory unless a current one is there. */
    Path capture(BenchConfig c) throws IOException {
        Path dir = work.resolve(c.name());
        Path stamp = dir.resolve("GENERATED");
        if (Files.exists(stamp) && Files.readString(stamp).equals(c.stamp())) {
            return dir;
        }
        out.printf("generating %s capture in %s ...%n", c.name(), dir);
        out.flush();
        Files.deleteIfExists(stamp);
        long t0 = System.nanoTime();
        CaptureGenerator.Result r = new CaptureGenerator(c.options()).generate(dir);
        Files.writeString(stamp, c.stamp());
        out.printf("  %,d p lines, %,d bytes, %.1f s%n", r.pageLines(), Files.size(r.mappings()),
                (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    private Map<String, Double> probe(String mode, Path dir, String xmx) throws IOException, InterruptedException {
        return probe(xmx, mode, dir.toString());
    }

    /** Runs BenchProbe with {@code args} in a fresh JVM and parses its key=value line. */
    Map<String, Double> probe(String xmx, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-cp", classPath, BenchProbe.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        String mode = args[0];
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String text;
        try (InputStream in = p.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        int code = p.waitFor();
        if (code != 0) {
            String[] lines = text.split("\n");
            throw new IOException(mode + " with -Xmx" + xmx + " exited with " + code + ": "
                    + lines[Math.min(lines.length - 1, 0)]);
        }
        String last = text.substring(text.lastIndexOf('\n') + 1);
        Map<String, Double> values = new HashMap<>();
        for (String kv : last.split(" ")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                values.put(kv.substring(0, eq), Double.parseDouble(kv.substring(eq + 1)));
            }
        }
        return values;
    }

    static Map<String, Double> medians(List<Map<String, Double>> samples) {
        Map<String, Double> m = new HashMap<>();
        if (samples.isEmpty()) {
            return m;
        }
        for (String key : samples.get(0).keySet()) {
            double[] v = samples.stream().mapToDouble(s -> s.getOrDefault(key, Double.NaN)).sorted().toArray();
            m.put(key, v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2);
        }
        return m;
    }

    /** Prints the table (GitHub markdown, so it can go into docs/PERFORMANCE.md as it is). */
    public void print(List<Row> rows) {
        out.println();
        out.printf("Medians of %d runs, each in a fresh JVM (%s).%n%n", runs, java);
        out.println("| guest | -Xmx | p lines | mem_mapping MB | load ms | mem_mapping ms (text + index) | text MB/s "
                + "| line count MB/s | text/limit | all/limit | uffd ms (MB/s) | peak heap MB | retained B/p line "
                + "| model B/p line | peak RSS MB |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            if (r.median().isEmpty()) {
                out.printf("| %s | %s | failed: %s |%n", r.config().name(), r.config().xmx(), r.failure());
                continue;
            }
            double entries = r.get("entries");
            double mapBytes = r.get("mappings.bytes");
            double index = r.get("mappings.index.ns");
            double text = r.get("mappings.ns") - index;
            double textMbs = mapBytes / text * 1e3;
            double allMbs = mapBytes / r.get("mappings.ns") * 1e3;
            double countMbs = r.get("count.mappings.bytes") / r.get("count.mappings.ns") * 1e3;
            double uffdMbs = r.get("uffd.bytes") / r.get("uffd.ns") * 1e3;
            out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.0f | %.0f (%.0f + %.0f) | %.0f | %.0f | %.2f | %.2f "
                            + "| %.0f (%.0f) | %.0f | %.1f | %.1f | %.0f |%n",
                    r.config().name(), r.config().xmx(), entries, mapBytes / 1e6, r.get("load.ns") / 1e6,
                    r.get("mappings.ns") / 1e6, text / 1e6, index / 1e6, textMbs, countMbs, textMbs / countMbs,
                    allMbs / countMbs, r.get("uffd.ns") / 1e6, uffdMbs, r.get("heap.peak") / 1e6,
                    r.get("heap.retained") / entries, r.get("heap.model") / entries, r.get("rss.peak") / 1e6);
            if (r.failures() > 0) {
                out.printf("  (%d of %d runs failed: %s)%n", r.failures(), runs, r.failure());
            }
        }
        out.println();
        out.println("MB = 10^6 bytes of text. load = CaptureLoader.load of all files (parse, index, derived figures);"
                + " mem_mapping = that file from open to its model indexed (text: reading and parsing the lines;"
                + " index: sorting by frame, owners, PSS); text/limit and all/limit = MB/s of the text part and of"
                + " the whole over the line-counting loop's MB/s on the same file (each in a fresh JVM). peak heap = sum of the heap"
                + " pools' peaks (garbage included); retained = heap in use after GC / p lines.");
        out.println();
        out.println("| guest | frames | open to first frame ms | first frame ms | full-grid rebuild ms | fitted render ms "
                + "| select largest process ms (pages) | select process nearest 4 M pages ms (pages) "
                + "| replay frames/s at 1,000 faults | peak RSS with window MB |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            if (r.median().isEmpty() || Double.isNaN(r.get("window.first.ns"))) {
                continue;
            }
            double fps = r.get("window.replay.frames") / r.get("window.replay.ns") * 1e9;
            out.printf(Locale.ROOT, "| %s | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f (%,.0f) | %.0f (%,.0f) | %.0f | %.0f |%n",
                    r.config().name(), r.get("frames"), (r.get("load.ns") + r.get("window.first.ns")) / 1e6,
                    r.get("window.first.ns") / 1e6, r.get("window.rebuild.ns") / 1e6, r.get("window.render.ns") / 1e6,
                    r.get("window.select.ns") / 1e6, r.get("window.select.pages"),
                    r.get("window.select4m.ns") / 1e6, r.get("window.select4m.pages"), fps,
                    r.get("rss.peak.window") / 1e6);
        }
        out.println();
        out.println("| guest | selection | pages | total ms | Selection.ofSection ms | setSelection ms "
                + "| overview sync ms | paint ms |");
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            if (r.median().isEmpty() || Double.isNaN(r.get("window.first.ns"))) {
                continue;
            }
            for (String[] k : new String[][] {{"window.select", "largest process"},
                    {"window.select4m", "process nearest 4 M pages"},
                    {"window.switch", "from the largest to the one nearest 4 M pages"}}) {
                if (Double.isNaN(r.get(k[0] + ".ns"))) {
                    continue;
                }
                out.printf(Locale.ROOT, "| %s | %s | %,.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", r.config().name(),
                        k[1], r.get(k[0] + ".pages"), r.get(k[0] + ".ns") / 1e6, r.get(k[0] + ".build.ns") / 1e6,
                        r.get(k[0] + ".grid.ns") / 1e6, r.get(k[0] + ".sync.ns") / 1e6,
                        r.get(k[0] + ".paint.ns") / 1e6);
            }
        }
        out.println();
        out.println("Window figures are headless (org.uffdvisualizer.render): a PageGrid fitted to 1400 x 850 drawn"
                + " through its GridOverview, as the window does; open to first frame = load + first frame.");
        out.flush();
    }
}
