package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code compare --json} of the bundled pair (jvm17-default against jvm17-thp-appcds, each with its
 * uffd.log.gz) agrees with {@code guest-tools/test/expected-compare.py}, written from the
 * matching contract alone (plain Python sets and dicts over the same files); its output is
 * {@code src/test/resources/golden/jvm17-pair.compare.json}, made by
 * {@code expected-compare.py D/mem_mapping.txt.gz D/uffd.log.gz D/nmt.txt.gz T/mem_mapping.txt.gz
 * T/uffd.log.gz T/nmt.txt.gz} with D and T the two sample directories.
 */
class CompareGoldenTest {
    private static final String[] OVERLAP = {"both", "onlyBaseline", "onlyOther"};

    private static String fileSet(String dir) {
        Path d = CliRun.sampleData().resolve(dir);
        return d.resolve("mem_mapping.txt.gz") + "," + d.resolve("uffd.log.gz") + "," + d.resolve("nmt.txt.gz");
    }

    @Test
    void theBundledPairAgreesWithTheIndependentScript() throws IOException {
        CliRun run = CliRun.of("compare", "--json", "--strict", fileSet("jvm17-default"), fileSet("jvm17-thp-appcds"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject actual = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/jvm17-pair.compare.json")) {
            expected = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        JsonObject overlap = actual.getAsJsonArray("overlaps").get(0).getAsJsonObject();
        JsonObject want = expected.getAsJsonObject("overlap");
        assertThat(pick(overlap.getAsJsonObject("overall"), OVERLAP)).isEqualTo(want.get("all"));
        assertThat(overlap.get("baselineUnmatched").getAsLong()).isEqualTo(want.getAsJsonArray("unmatched").get(0).getAsLong());
        assertThat(overlap.get("otherUnmatched").getAsLong()).isEqualTo(want.getAsJsonArray("unmatched").get(1).getAsLong());
        Map<String, JsonElement> owners = new TreeMap<>();
        for (JsonElement e : overlap.getAsJsonArray("owners")) {
            JsonObject o = e.getAsJsonObject();
            owners.put(o.get("kind").getAsString() + "|" + o.get("process").getAsString() + "|" + o.get("name").getAsString(),
                    pick(o, OVERLAP));
        }
        assertThat(owners).isEqualTo(new TreeMap<>(want.getAsJsonObject("owners").asMap()));

        Map<String, JsonElement> rows = new TreeMap<>();
        for (JsonElement e : actual.getAsJsonArray("rows")) {
            JsonObject r = e.getAsJsonObject();
            com.google.gson.JsonArray figures = new com.google.gson.JsonArray();
            for (JsonElement f : r.getAsJsonArray("runs")) {
                figures.add(f.isJsonNull() ? JsonNull.INSTANCE : pick(f.getAsJsonObject(), "resident", "uffdLoaded", "zeroFilled"));
            }
            rows.put(r.get("kind").getAsString() + "|" + r.get("process").getAsString() + "|" + r.get("name").getAsString(),
                    figures);
        }
        assertThat(rows).isEqualTo(new TreeMap<>(expected.getAsJsonObject("rows").asMap()));
    }

    /** The members {@code keys} of {@code o}, in that order. */
    private static JsonObject pick(JsonObject o, String... keys) {
        JsonObject c = new JsonObject();
        for (String k : keys) {
            c.add(k, o.get(k));
        }
        return c;
    }
}
