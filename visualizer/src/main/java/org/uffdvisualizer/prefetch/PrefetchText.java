package org.uffdvisualizer.prefetch;

import java.io.PrintWriter;
import java.util.List;

/** The strategy table as text: what {@code prefetch} prints without {@code --json}. */
public final class PrefetchText {
    private static final double MIB = 1 << 20;

    private PrefetchText() {
    }

    public static void write(PrefetchReport r, String capture, PrintWriter out) {
        out.printf("prefetch what-if: %d restore trace(s)%s%n", r.runs().size(), capture == null ? "" : " of " + capture);
        out.printf("cost model: %.2f us per demand fault, %.0f MiB/s for every other byte fetched; guest work between"
                + " touches from the trace's times%n", r.cost().faultNanos() / 1000.0, r.cost().bytesPerSecond() / MIB);
        for (int t = 0; t < r.test().size(); t++) {
            String test = r.test().get(t);
            List<Outcome> rows = r.outcomesOf(test);
            boolean own = rows.stream().anyMatch(Outcome::scoredOnTraining);
            out.println();
            out.printf("scored on %s (%,d demand faults)%s%n", test, rows.isEmpty() ? 0 : rows.get(0).demandFaults(),
                    own ? ": THE TRAINING RUN ITSELF, not a held-out restore" : ", held out");
            int nameWidth = 8;
            int trainWidth = 10;
            for (Outcome o : rows) {
                nameWidth = Math.max(nameWidth, o.name().length() + 9);
                trainWidth = Math.max(trainWidth, trained(o).length());
            }
            String columns = "  %-" + nameWidth + "s %-" + trainWidth + "s";
            out.printf(columns + " %11s %9s %11s %10s %8s %8s %12s%n", "STRATEGY", "TRAINED ON", "FAULTS LEFT",
                    "AVOIDED %", "FETCHED MiB", "WASTED MiB", "WASTED %", "EXTENTS", "EST. TIME ms");
            for (Outcome o : rows) {
                String name = o.name() + (o.strategy().equals("around-" + r.bestAround().get(t)) ? " (best K)" : "");
                out.printf(columns + " %11d %9.1f %11.1f %10.1f %8.1f %8d %12.1f%n", name,
                        trained(o),
                        o.faultsLeft(), o.faultsAvoidedPercent(), o.bytesFetched() / MIB, o.bytesWasted() / MIB,
                        o.wastedPercent(), o.extents(), o.estimatedNanos() / 1e6);
            }
            List<String> met = rows.stream().filter(Outcome::meetsGoal).map(Outcome::name).toList();
            out.printf("  goal (>= %.0f%% of demand faults avoided, <= %.0f%% of fetched bytes wasted, held out): %s%n",
                    Outcome.GOAL_AVOIDED_PERCENT, Outcome.GOAL_WASTED_PERCENT,
                    own ? "not judged (scored on the training run)"
                            : met.isEmpty() ? "met by none" : "met by " + String.join(", ", met));
        }
        for (String note : r.notes()) {
            out.println("note: " + note);
        }
    }

    private static String trained(Outcome o) {
        return o.train().isEmpty() ? "-" : String.join("+", o.train()) + (o.scoredOnTraining() ? " (=test)" : "");
    }
}
