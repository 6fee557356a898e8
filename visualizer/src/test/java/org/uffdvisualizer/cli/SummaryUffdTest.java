package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The uffd figures of {@code summary --json} on real restores of sample-data/jvm17-default
 * (its own log, each page faulted once, and jvm17-remove-refault's, with pages faulted again
 * after a REMOVE) against a derivation from the raw text with regular expressions and hash maps.
 */
class SummaryUffdTest {
    private static final Pattern FAULT = Pattern.compile(
            "^UFFD_EVENT_PAGEFAULT \\((r|w)\\):.* (Loading|Zeroing): 0x(\\p{XDigit}+) - 0x(\\p{XDigit}+)");
    /** The x86_64 layout of these 24 GiB guests: memory-file offsets from 3 GiB on hold guest-physical 4 GiB on. */
    private static final long GIB = 1L << 30;

    /** The log, and its fault and REMOVE counts as its README states them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"jvm17-default/uffd.log.gz, 60380, 0", "jvm17-remove-refault/uffd.log.gz, 3909, 1"})
    void uffdFiguresMatchTheRawLog(String log, int readmeEvents, int readmeRemoves) throws Exception {
        Path dir = CliRun.sampleData().resolve("jvm17-default");
        Path uffdLog = CliRun.sampleData().resolve(log);
        CliRun run = CliRun.of("summary", "--json", "--mappings", dir.resolve("mem_mapping.txt.gz").toString(),
                "--nmt", dir.resolve("nmt.txt.gz").toString(), "--uffd", uffdLog.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject uffd = json.getAsJsonObject("uffd");

        int events = 0;
        int loaded = 0;
        int zeroed = 0;
        int removes = 0;
        Map<Long, Boolean> firstZeroed = new HashMap<>();    // page -> was its first fault a zero-fill
        for (String line : lines(uffdLog)) {
            Matcher m = FAULT.matcher(line);
            if (m.find()) {
                events++;
                boolean zero = m.group(2).equals("Zeroing");
                if (zero) {
                    zeroed++;
                } else {
                    loaded++;
                }
                long offset = Long.parseLong(m.group(3), 16);
                firstZeroed.putIfAbsent((offset < 3 * GIB ? offset : offset + GIB) >>> 12, zero);
            } else if (line.startsWith("UFFD_EVENT_REMOVE: ")) {
                removes++;
            }
        }
        assertThat(events).isEqualTo(readmeEvents);
        assertThat(removes).isEqualTo(readmeRemoves);
        assertThat(uffd.get("events").getAsInt()).isEqualTo(events);
        assertThat(uffd.get("loaded").getAsInt()).isEqualTo(loaded);
        assertThat(uffd.get("zeroed").getAsInt()).isEqualTo(zeroed);
        assertThat(uffd.get("uniquePages").getAsInt()).isEqualTo(firstZeroed.size());
        assertThat(uffd.get("removed").getAsInt()).isEqualTo(removes);

        // Per process: p lines whose physical page the restore loaded (not zero-filled) first.
        Map<Integer, Integer> loadedPerPid = new HashMap<>();
        Set<Long> owned = new HashSet<>();
        int pid = 0;
        for (String line : lines(dir.resolve("mem_mapping.txt.gz"))) {
            String[] f = line.split(" ");
            if (f[0].equals("=")) {
                pid = Integer.parseInt(f[1]);
                loadedPerPid.put(pid, 0);
            } else if (f[0].equals("p")) {
                long phys = Long.decode(pid > 0 ? f[2] : (f[1].startsWith("0x") ? f[1] : "0x" + f[1])) >>> 12;
                owned.add(phys);
                if (Boolean.FALSE.equals(firstZeroed.get(phys))) {
                    loadedPerPid.merge(pid, 1, Integer::sum);
                }
            }
        }
        List<Integer> actual = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        json.getAsJsonArray("processes").forEach(p -> {
            actual.add(p.getAsJsonObject().get("uffdLoadedPages").getAsInt());
            expected.add(loadedPerPid.get(p.getAsJsonObject().get("pid").getAsInt()));
        });
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.get(0)).isPositive();
        long unowned = firstZeroed.keySet().stream().filter(p -> !owned.contains(p)).count();
        assertThat(uffd.get("unownedPages").getAsLong()).isEqualTo(unowned);
    }

    private static List<String> lines(Path gz) throws Exception {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
