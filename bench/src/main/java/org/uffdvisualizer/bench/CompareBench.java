package org.uffdvisualizer.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uffdvisualizer.generate.GeneratorOptions;

/**
 * The comparison's benchmark: for the 16 GiB configuration the owner-matched diff of two
 * captures (the configuration's and one of another seed), for the 64 GiB configuration two
 * captures opened side by side against one, each measured in fresh JVMs ({@link CompareFigures}).
 */
final class CompareBench {
    /** The heap of every side-by-side measurement, one or two captures, so that the peaks compare. */
    static final String VIEWS_XMX = "3g";
    private static final String DIFF_XMX = "1g";

    private final BenchRunner runner;
    private final int runs;
    private final PrintWriter out;

    CompareBench(BenchRunner runner, int runs, PrintWriter out) {
        this.runner = runner;
        this.runs = runs;
        this.out = out;
    }

    /** The same guest generated with another seed: other processes' layout, other faults. */
    static BenchConfig secondOf(BenchConfig c) {
        GeneratorOptions o = c.options();
        return new BenchConfig(c.name() + "-b", new GeneratorOptions(o.guestBytes(), o.processes(), o.jvms(), o.faults(),
                o.seed() + 1, o.resident(), o.gzip()), c.xmx());
    }

    /** Medians per measurement name ("diff 16G", "one 64G", "two 64G"). */
    Map<String, Map<String, Double>> run(List<BenchConfig> chosen) throws IOException, InterruptedException {
        Map<String, Map<String, Double>> medians = new HashMap<>();
        for (BenchConfig c : chosen) {
            if (!c.name().equals("16G") && !c.name().equals("64G")) {
                continue;
            }
            String a = runner.capture(c).toString();
            String b = runner.capture(secondOf(c)).toString();
            Map<String, List<Map<String, Double>>> samples = new HashMap<>();
            for (int r = 0; r < runs; r++) {
                if (c.name().equals("16G")) {
                    samples.computeIfAbsent("diff 16G", k -> new ArrayList<>()).add(runner.probe(DIFF_XMX, "compare", a, b));
                } else {
                    samples.computeIfAbsent("one 64G", k -> new ArrayList<>()).add(runner.probe(VIEWS_XMX, "views", a));
                    samples.computeIfAbsent("two 64G", k -> new ArrayList<>()).add(runner.probe(VIEWS_XMX, "views", a, b));
                }
                out.printf("  compare %s run %d/%d%n", c.name(), r + 1, runs);
                out.flush();
            }
            samples.forEach((k, v) -> medians.put(k, BenchRunner.medians(v)));
        }
        return medians;
    }

    void print(Map<String, Map<String, Double>> m) {
        Map<String, Double> diff = m.get("diff 16G");
        if (diff != null) {
            out.println();
            out.println("| comparison | p lines (both) | faulted pages (both) | owners | rows | first diff ms | diff ms "
                    + "| diff heap MB | Jaccard |");
            out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            out.printf(Locale.ROOT, "| two 16 GiB captures by owner | %,.0f | %,.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.3f |%n",
                    diff.get("compare.entries"), diff.get("compare.faulted"), diff.get("compare.owners"),
                    diff.get("compare.rows"), diff.get("compare.first.ns") / 1e6, diff.get("compare.ns") / 1e6,
                    diff.get("compare.heap") / 1e6, diff.get("compare.jaccard"));
            out.println();
            out.println("CaptureComparison.of on two loaded captures (generated with seeds 1 and 2), -Xmx" + DIFF_XMX
                    + "; first = the first call in a fresh JVM (what `compare` pays), diff = median of three more.");
        }
        Map<String, Double> one = m.get("one 64G");
        Map<String, Double> two = m.get("two 64G");
        if (one != null && two != null) {
            out.println();
            out.println("| 64 GiB captures shown | time ms | peak heap MB | retained heap MB | peak RSS MB |");
            out.println("|---|---:|---:|---:|---:|");
            for (Map<String, Double> v : List.of(one, two)) {
                out.printf(Locale.ROOT, "| %.0f | %.0f | %.0f | %.0f | %.0f |%n", v.get("views.count"), v.get("views.ns") / 1e6,
                        v.get("views.heap.peak") / 1e6, v.get("views.heap.retained") / 1e6, v.get("views.rss.peak") / 1e6);
            }
            out.printf(Locale.ROOT, "| two / one | %.2f | %.2f | %.2f | %.2f |%n", two.get("views.ns") / one.get("views.ns"),
                    two.get("views.heap.peak") / one.get("views.heap.peak"),
                    two.get("views.heap.retained") / one.get("views.heap.retained"),
                    two.get("views.rss.peak") / one.get("views.rss.peak"));
            out.println();
            out.println("Loaded and shown headless as the window does (each capture on its own thread, its grid fitted"
                    + " to its share of 1400 x 850 and drawn through its overview), -Xmx" + VIEWS_XMX + " for both.");
        }
        out.flush();
    }
}
