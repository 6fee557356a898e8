package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code analyze} on sample-data/jvm17-default with its timed log agrees with
 * {@code guest-tools/test/expected-locality.py uffd-extended.log.gz mem_mapping.txt.gz nmt.txt.gz
 * '20296/Java Heap'} (run in sample-data/jvm17-default), kept in
 * {@code src/test/resources/golden/jvm17-default-extended.locality.json}.
 */
class AnalyzeCommandTest {
    private static final Path JVM17 = CliRun.sampleData().resolve("jvm17-default");

    private static CliRun analyze(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("analyze", JVM17.toString(), "--uffd",
                JVM17.resolve("uffd-extended.log.gz").toString(), "--select", "20296/Java Heap"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void jsonAgreesWithTheIndependentScript() throws IOException {
        CliRun run = analyze("--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject actual = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject expected = JsonParser.parseString(golden()).getAsJsonObject();

        assertLocality(actual.getAsJsonObject("trace"), expected.getAsJsonObject("trace"));
        assertThat(actual.getAsJsonObject("selection").get("label").getAsString()).isEqualTo("Java Heap of 20296");
        assertLocality(actual.getAsJsonObject("selection").getAsJsonObject("figures"),
                expected.getAsJsonObject("selection"));
        // The owner table is restricted to the selection; the whole trace's is checked below.
        JsonObject whole = JsonParser.parseString(CliRun.of("analyze", JVM17.toString(), "--uffd",
                JVM17.resolve("uffd-extended.log.gz").toString(), "--json").out()).getAsJsonObject();
        JsonObject expectedNmt = expected.getAsJsonObject("nmt");
        int compared = 0;
        for (JsonElement e : whole.getAsJsonArray("owners")) {
            JsonObject o = e.getAsJsonObject();
            if (!"nmt".equals(o.get("kind").getAsString())) {
                continue;
            }
            JsonObject want = expectedNmt.getAsJsonObject(o.get("name").getAsString());
            assertThat(want).as(o.get("name").getAsString()).isNotNull();
            for (String key : List.of("pages", "firstFault", "lastFault", "virtualExtents", "physicalExtents")) {
                assertThat(o.get(key).getAsInt()).as("%s %s", o.get("name"), key).isEqualTo(want.get(key).getAsInt());
            }
            compared++;
        }
        assertThat(compared).isEqualTo(expectedNmt.size());
    }

    private static void assertLocality(JsonObject actual, JsonObject expected) {
        for (String key : List.of("faults", "nextPageFaults", "runs", "blocks2M", "servedPages")) {
            assertThat(actual.get(key).getAsLong()).as(key).isEqualTo(expected.get(key).getAsLong());
        }
        for (String map : List.of("runLengths", "blockFill", "timeNanos")) {
            JsonObject a = actual.getAsJsonObject(map);
            JsonObject e = expected.getAsJsonObject(map);
            assertThat(a.keySet()).as(map).containsExactlyInAnyOrderElementsOf(e.keySet());
            for (Map.Entry<String, JsonElement> entry : e.entrySet()) {
                assertThat(a.get(entry.getKey()).getAsLong()).as("%s %s", map, entry.getKey())
                        .isEqualTo(entry.getValue().getAsLong());
            }
        }
    }

    @Test
    void textPrintsTheLocalityTableAndTheOwners() {
        CliRun run = analyze();
        assertThat(run.exitCode()).as(run.err()).isZero();
        // 27,230 next-page faults of 47,242; 20,012 runs (expected-locality.py).
        assertThat(run.out()).contains("next-page faults", "57.6%", "2.36", "2 MiB blocks touched", "749",
                "50% / 90% / 98% of faults by (ms)", "NMT Java Heap");
    }

    @Test
    void aLogWithoutFaultsIsRefusedClearly() {
        CliRun run = CliRun.of("analyze", "--mappings", JVM17.resolve("mem_mapping.txt.gz").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("analyze needs a uffd log with faults");
    }

    private static String golden() throws IOException {
        try (InputStream in = AnalyzeCommandTest.class.getResourceAsStream("/golden/jvm17-default-extended.locality.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
