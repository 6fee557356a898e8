package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prefetch} on the bundled lab capture: three real restores of one snapshot. */
class PrefetchCommandTest {
    private static final Path LAB = CliRun.sampleData().resolve("lab-jvm17-default");

    @TempDir
    Path dir;

    private static JsonObject json(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> list = new ArrayList<>();
        o.getAsJsonArray(key).forEach(e -> list.add(e.getAsString()));
        return list;
    }

    @Test
    void aCaptureDirectoryTrainsOnTheFirstRestoreAndScoresTheOthers() {
        JsonObject r = json("prefetch", "--json", LAB.toString());
        assertThat(strings(r, "runs")).containsExactly("uffd.log.gz", "uffd-restore-2.log.gz", "uffd-restore-3.log.gz");
        assertThat(strings(r, "train")).containsExactly("uffd.log.gz");
        assertThat(strings(r, "test")).containsExactly("uffd-restore-2.log.gz", "uffd-restore-3.log.gz");
        assertThat(r.get("scoredOnTraining").getAsBoolean()).isFalse();
        for (JsonElement e : r.getAsJsonArray("outcomes")) {
            JsonObject o = e.getAsJsonObject();
            assertThat(strings(o, "train")).as(o.toString()).doesNotContain(o.get("test").getAsString());
            assertThat(o.get("scoredOnTraining").getAsBoolean()).isFalse();
        }
        JsonObject recorded = outcome(r, "recorded", "uffd-restore-2.log.gz");
        assertThat(recorded.get("demandFaults").getAsInt()).isEqualTo(10_548);
        // restore 2 shares 10,202 pages with restore 1 (lab-run.txt): 346 of its 10,548 are new
        assertThat(recorded.get("faultsLeft").getAsInt()).isEqualTo(10_548 - 10_202);
        assertThat(outcome(r, "none", "uffd-restore-2.log.gz").get("faultsLeft").getAsInt()).isEqualTo(10_548);
        assertThat(r.getAsJsonObject("costModel").get("faultNanos").getAsLong()).isEqualTo(5_000);
    }

    private static JsonObject outcome(JsonObject r, String strategy, String test) {
        for (JsonElement e : r.getAsJsonArray("outcomes")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("strategy").getAsString().equals(strategy) && o.get("test").getAsString().equals(test)
                    && o.get("selection").isJsonNull()) {
                return o;
            }
        }
        throw new AssertionError("no " + strategy + " on " + test);
    }

    @Test
    void theTextTableSaysWhatTrainedAndWhatWasScored() {
        CliRun run = CliRun.of("prefetch", LAB.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("scored on uffd-restore-2.log.gz (10,548 demand faults), held out")
                .contains("scored on uffd-restore-3.log.gz").contains("(best K)").contains("extents-8")
                .contains("uffd.log.gz+uffd-restore-3.log.gz").doesNotContain("TRAINING RUN");
    }

    @Test
    void aSingleTraceIsScoredOnItselfAndSaysSo() {
        CliRun text = CliRun.of("prefetch", LAB.resolve("uffd.log.gz").toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("THE TRAINING RUN ITSELF").contains("note: scored on the training run");
        JsonObject r = json("prefetch", "--json", LAB.resolve("uffd.log.gz").toString());
        assertThat(r.get("scoredOnTraining").getAsBoolean()).isTrue();
        assertThat(outcome(r, "recorded", "uffd.log.gz").get("scoredOnTraining").getAsBoolean()).isTrue();
        assertThat(outcome(r, "recorded", "uffd.log.gz").get("faultsLeft").getAsInt()).isZero();
        assertThat(strings(r, "notes")).anyMatch(n -> n.startsWith("scored on the training run"));
    }

    @Test
    void trainAndTestChooseTheRuns() {
        JsonObject r = json("prefetch", "--json", "--strategy", "recorded", "--train", "3", "--test",
                "uffd-restore-2.log.gz", LAB.toString());
        assertThat(strings(r, "test")).containsExactly("uffd-restore-2.log.gz");
        JsonObject recorded = outcome(r, "recorded", "uffd-restore-2.log.gz");
        assertThat(strings(recorded, "train")).containsExactly("uffd-restore-3.log.gz");
        // restores 2 and 3 share 10,179 pages (lab-run.txt)
        assertThat(recorded.get("faultsLeft").getAsInt()).isEqualTo(10_548 - 10_179);
        assertThat(r.getAsJsonArray("outcomes")).hasSize(2);      // the baseline and the strategy asked for
    }

    @Test
    void selectionsRestrictTheSetsByTheCapturesOwners() {
        JsonObject r = json("prefetch", "--json", "--strategy", "recorded", "--select", "146/Java Heap+146/Code",
                "--select", "!-1", LAB.toString());
        List<String> selections = new ArrayList<>();
        r.getAsJsonArray("outcomes").forEach(e -> {
            JsonElement s = e.getAsJsonObject().get("selection");
            selections.add(s.isJsonNull() ? null : s.getAsString());
        });
        assertThat(selections).contains("Java Heap of 146 + Code of 146", "all but pagecache");
    }

    @Test
    void outWritesTheTrainingRunsSetInFormat2() throws IOException {
        Path out = dir.resolve("ws.txt");
        CliRun run = CliRun.of("prefetch", "--strategy", "recorded", "--train", LAB.resolve("uffd.log.gz").toString(),
                "--out", out.toString(), LAB.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("wrote " + out + ": recorded, 10,699 pages");
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("# uffdvisualizer working set 2");
        assertThat(lines).contains("# trace: uffd.log.gz", "# strategy: recorded", "# capture: " + LAB);
        // the lab's first demand fault in guest RAM (uffd.log.gz line 21) is at RAM offset 0xcb000
        assertThat(lines.stream().filter(l -> !l.startsWith("#")).findFirst()).hasValue("0xcb000 0x1000");
    }

    @Test
    void badArgumentsExitWith2AndSayWhy() {
        CliRun bogus = CliRun.of("prefetch", "--strategy", "reap", LAB.toString());
        assertThat(bogus.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bogus.err()).contains("unknown strategy 'reap'");
        CliRun none = CliRun.of("prefetch", "--strategy", "none", "--out", dir.resolve("x").toString(), LAB.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("installs nothing ahead of demand");
        CliRun missing = CliRun.of("prefetch", dir.resolve("nothing.log").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("no such file");
        CliRun noDump = CliRun.of("prefetch", "--select", "-1", LAB.resolve("uffd.log.gz").toString());
        assertThat(noDump.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDump.err()).contains("--select needs the capture's mapping dump");
        CliRun badTrain = CliRun.of("prefetch", "--train", "7", LAB.toString());
        assertThat(badTrain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTrain.err()).contains("there are 3 traces");
        CliRun readme = CliRun.of("prefetch", LAB.resolve("README.md").toString());
        assertThat(readme.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(readme.err()).contains("not a restore trace");
    }
}
