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
import org.junit.jupiter.api.Test;

/**
 * The uffd figures of {@code summary --json} on the reference capture (a real lazy restore)
 * against a derivation from the raw text with regular expressions and hash maps.
 */
class SummaryUffdTest {
    private static final Pattern FAULT = Pattern.compile(
            "^UFFD_EVENT_PAGEFAULT \\((r|w)\\):.* (Loading|Zeroing): 0x(\\p{XDigit}+) - 0x(\\p{XDigit}+)");

    @Test
    void uffdFiguresMatchTheRawLog() throws Exception {
        Path dir = CliRun.sharedCapture();
        CliRun run = CliRun.of("summary", "--json", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonObject uffd = json.getAsJsonObject("uffd");

        int events = 0;
        int loaded = 0;
        int zeroed = 0;
        Map<Long, Boolean> firstZeroed = new HashMap<>();    // page -> was its first fault a zero-fill
        for (String line : lines(dir.resolve("uffd.log.gz"))) {
            Matcher m = FAULT.matcher(line);
            if (m.find()) {
                events++;
                boolean zero = m.group(2).equals("Zeroing");
                if (zero) {
                    zeroed++;
                } else {
                    loaded++;
                }
                firstZeroed.putIfAbsent(Long.parseLong(m.group(3), 16) >>> 12, zero);   // 1 GiB guest: offset = address
            }
        }
        assertThat(events).isEqualTo(1339);        // the capture's README says 1,339 demand faults
        assertThat(uffd.get("events").getAsInt()).isEqualTo(events);
        assertThat(uffd.get("loaded").getAsInt()).isEqualTo(loaded);
        assertThat(uffd.get("zeroed").getAsInt()).isEqualTo(zeroed);
        assertThat(uffd.get("uniquePages").getAsInt()).isEqualTo(firstZeroed.size());
        assertThat(uffd.get("removed").getAsInt()).isZero();

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
