package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code summary --json} on real captures agrees with values derived independently by
 * {@code guest-tools/test/expected-summary.py} (plain Python sets and dicts over the same text):
 * every sample in sample-data that has an {@code expected-summary.json} (mappings and NMT), and
 * jvm17-default with each of its uffd logs, against
 * {@code expected-summary.py --uffd LOG MEM_MAPPING NMT} in {@code src/test/resources/golden}
 * (sample-data/jvm17-remove-refault/README.md gives the command).
 */
class SummaryGoldenTest {

    static Stream<Arguments> captures() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        Path samples = CliRun.sampleData();
        Path jvm17 = samples.resolve("jvm17-default");
        cases.add(Arguments.of("jvm17-default with uffd.log.gz", jvm17.resolve("mem_mapping.txt.gz"),
                List.of(jvm17.resolve("nmt.txt.gz")), jvm17.resolve("uffd.log.gz"),
                resource("/golden/jvm17-default-uffd.expected.json")));
        cases.add(Arguments.of("jvm17-default with jvm17-remove-refault", jvm17.resolve("mem_mapping.txt.gz"),
                List.of(jvm17.resolve("nmt.txt.gz")), samples.resolve("jvm17-remove-refault/uffd.log.gz"),
                resource("/golden/jvm17-remove-refault.expected.json")));
        if (Files.isDirectory(samples)) {
            try (Stream<Path> dirs = Files.list(samples)) {
                for (Path d : dirs.sorted().toList()) {
                    Path expected = d.resolve("expected-summary.json");
                    if (Files.isRegularFile(expected)) {
                        List<Path> nmt;
                        try (Stream<Path> files = Files.list(d)) {
                            nmt = files.filter(f -> f.getFileName().toString().startsWith("nmt")).sorted().toList();
                        }
                        cases.add(Arguments.of(d.getFileName().toString(), d.resolve("mem_mapping.txt.gz"), nmt,
                                null, Files.readString(expected)));
                    }
                }
            }
        }
        return cases.stream();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SummaryGoldenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void agreesWithIndependentlyDerivedValues(String name, Path mappings, List<Path> nmt, Path uffd,
                                              String expectedJson) {
        List<String> args = new ArrayList<>(List.of("summary", "--json", "--strict", "--mappings", mappings.toString()));
        for (Path n : nmt) {
            args.add("--nmt");
            args.add(n.toString());
        }
        if (uffd != null) {
            args.add("--uffd");
            args.add(uffd.toString());
        }
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject actual = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject expected = JsonParser.parseString(expectedJson).getAsJsonObject();

        for (String key : List.of("pageSize", "physicalPages", "sharedPages")) {
            assertThat(actual.get(key).getAsLong()).as(key).isEqualTo(expected.get(key).getAsLong());
        }
        JsonArray ap = actual.getAsJsonArray("processes");
        JsonArray ep = expected.getAsJsonArray("processes");
        assertThat(ap.size()).isEqualTo(ep.size());
        for (int i = 0; i < ep.size(); i++) {
            JsonObject a = ap.get(i).getAsJsonObject();
            JsonObject e = ep.get(i).getAsJsonObject();
            for (String key : List.of("pid", "mappings", "residentPages", "uffdLoadedPages", "uffdZeroedPages")) {
                if (e.has(key)) {
                    assertThat(a.get(key).getAsLong()).as("process %d %s", i, key).isEqualTo(e.get(key).getAsLong());
                }
            }
            assertThat(a.get("name").getAsString()).isEqualTo(e.get("name").getAsString());
            double pss = e.get("pssPages").getAsDouble();
            assertThat(a.get("pssPages").getAsDouble()).as("process %d pss", i).isCloseTo(pss, within(pss * 1e-9));
        }
        JsonArray an = actual.getAsJsonArray("nmt");
        JsonArray en = expected.getAsJsonArray("nmt");
        assertThat(an.size()).isEqualTo(en.size());
        for (int i = 0; i < en.size(); i++) {
            JsonObject a = an.get(i).getAsJsonObject();
            JsonObject e = en.get(i).getAsJsonObject();
            for (String key : List.of("pid", "reserved", "committed")) {
                assertThat(a.get(key).getAsLong()).as("nmt %d %s", i, key).isEqualTo(e.get(key).getAsLong());
            }
            JsonObject ac = a.getAsJsonObject("categories");
            JsonObject ec = e.getAsJsonObject("categories");
            assertThat(ac.keySet()).containsExactlyInAnyOrderElementsOf(ec.keySet());
            for (Map.Entry<String, JsonElement> cat : ec.entrySet()) {
                for (String key : List.of("reservedBytes", "committedBytes", "residentBytes", "uffdBytes")) {
                    assertThat(ac.getAsJsonObject(cat.getKey()).get(key).getAsLong()).as("%s %s", cat.getKey(), key)
                            .isEqualTo(cat.getValue().getAsJsonObject().get(key).getAsLong());
                }
            }
        }
        if (uffd != null) {
            JsonObject au = actual.getAsJsonObject("uffd");
            JsonObject eu = expected.getAsJsonObject("uffd");
            assertThat(eu.get("events").getAsLong()).isPositive();
            for (String key : List.of("events", "loaded", "zeroed", "removed", "uniquePages", "unownedPages")) {
                assertThat(au.get(key).getAsLong()).as("uffd %s", key).isEqualTo(eu.get(key).getAsLong());
            }
        }
        assertThat(actual.get("complete").getAsBoolean()).isTrue();
    }
}
