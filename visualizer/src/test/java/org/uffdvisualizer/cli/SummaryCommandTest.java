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
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The summary command's text, options and exit codes, on sample-data/jvm17-default and on bad
 * input. Its figures are in its README and expected-summary.json: 474 {@code v} lines for 3
 * processes, 168,545 {@code p} lines, 60,380 faults in uffd.log.gz (58,508 loaded, 1,872 zero-filled)
 * and the first 47,242 of them with timestamps in uffd-extended.log.gz (45,994 loaded, 1,248
 * zero-filled; the log a directory opens with), NMT of the workload JVM 20296 with 41 reserved
 * regions and 70 committed ones.
 */
class SummaryCommandTest {
    @TempDir
    Path tmp;

    private final Path capture = CliRun.sampleData().resolve("jvm17-default");

    @Test
    void textStartsWithTheOriginalToolsLinesThenTables() {
        CliRun run = CliRun.of("summary", capture.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^Parsed 474 mappings for 3 processes in \\d+ms\\.$");
        assertThat(run.out()).containsPattern("(?m)^Parsed 47242 UFFD events \\(45994 pages / 183976kb loaded, "
                + "1248 pages / 4992kb zeroed, 0 removed\\) in \\d+ms\\.$");
        assertThat(run.out()).containsPattern("(?m)^Parsed 41 NMT mappings \\(70 committed\\) for Java process 20296");
        assertThat(run.out()).contains("java-17-openjdk-amd64/bin/java", "/usr/bin/sleep", "[kernel]",
                "[pagecache]", "Java Heap", "Thread Stack");
        assertThat(run.out()).doesNotContain("INCOMPLETE");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aComposedRestoreOrderIsSaidSoAndARealOneIsNot() {
        CliRun composed = CliRun.of("summary", capture.toString());
        assertThat(composed.out()).containsPattern("(?m)^Restore order: composed by guest-tools/bin/make-restore-log .*"
                + "not recorded from a real restore$");
        assertThat(CliRun.of("summary", "--json", capture.toString()).out()).contains("\"composedOrder\": true");
        CliRun lab = CliRun.of("summary", CliRun.sampleData().resolve("lab-jvm17-default").toString());
        assertThat(lab.exitCode()).isZero();
        assertThat(lab.out()).doesNotContain("Restore order:");
    }

    @Test
    void filesOfOtherNamesAreRecognisedByContentInADirectoryAndOnTheCommandLine() throws Exception {
        Path m = Files.copy(capture.resolve("mem_mapping.txt.gz"), tmp.resolve("default.mem_mapping.txt"));
        Path u = Files.copy(capture.resolve("uffd.log.gz"), tmp.resolve("qemu.uffd.log"));
        Path n = Files.copy(capture.resolve("nmt.txt.gz"), tmp.resolve("qemu.nmt.txt"));
        CliRun run = CliRun.of("summary", tmp.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Parsed 60380 UFFD events", "for Java process 20296");
        // The original tool's positional form, in any order (headless it prints the summary).
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless());
        CliRun positional = CliRun.of(n.toString(), u.toString(), m.toString());
        assertThat(positional.exitCode()).isZero();
        assertThat(positional.out()).contains("Parsed 60380 UFFD events", "for Java process 20296");
    }

    @Test
    void theOriginalInvocationStillWorks() {
        // With a display this opens the window (tested by MainWindowGuiTest); headless it prints the summary.
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless());
        CliRun run = CliRun.of(capture.resolve("mem_mapping.txt.gz").toString(),
                capture.resolve("uffd.log.gz").toString(), capture.resolve("nmt.txt.gz").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Parsed 60380 UFFD events", "for Java process 20296");
    }

    @Test
    void statsReportSpeedAndHeapPerPLine() {
        CliRun run = CliRun.of("summary", "--json", "--stats", capture.toString());
        assertThat(run.exitCode()).isZero();
        JsonObject stats = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonObject("stats");
        assertThat(stats.get("pLines").getAsLong()).isEqualTo(168_545);
        assertThat(stats.get("mappingsHeapBytesPerPLine").getAsDouble()).isBetween(8.0, 32.0);
        assertThat(stats.get("traceHeapBytesPerFault").getAsDouble()).isPositive();
        assertThat(stats.getAsJsonArray("files")).hasSize(3);
        assertThat(CliRun.of("summary", "--stats", capture.toString()).out()).contains("bytes per p line", "bytes per fault", "lines/s");
    }

    @Test
    void missingFilesAndBadArgumentsExitWithTwoAndNoStackTrace() {
        CliRun missing = CliRun.of("summary", "--mappings", tmp.resolve("nope.txt").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.txt: no such file").doesNotContain("at org.");

        CliRun layout = CliRun.of("summary", "--layout", "sparc", capture.toString());
        assertThat(layout.exitCode()).isEqualTo(2);
        assertThat(layout.err()).contains("'--layout'", "expected identity, x86_64 or aarch64, not 'sparc'");

        CliRun nothing = CliRun.of("summary");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("missing input");
    }

    @Test
    void badLinesWarnLenientlyAndFailStrictly() throws Exception {
        Path f = tmp.resolve("mem_mapping.txt");
        Files.writeString(f, "= 7 /bin/x\nv 0x1000 0x3000 \np 0x1000 0x5000 1 0\np oops\n");
        CliRun lenient = CliRun.of("summary", "--mappings", f.toString());
        assertThat(lenient.exitCode()).isZero();
        assertThat(lenient.err()).contains(f + ":4:", "p oops", "summary is incomplete");
        assertThat(lenient.out()).contains("INCOMPLETE: 1 line(s)");

        CliRun strict = CliRun.of("summary", "--strict", "--mappings", f.toString());
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.err()).contains(f + ":4:").doesNotContain("at org.");
    }

    @Test
    void nmtOfAnotherProcessIsRefused() throws Exception {
        Path nmt = tmp.resolve("nmt.txt");
        Files.writeString(nmt, "999:\n\nVirtual memory map:\n\n[0x1000 - 0x3000] reserved 8KB for GC from\n");
        CliRun run = CliRun.of("summary", "--mappings", capture.resolve("mem_mapping.txt.gz").toString(),
                "--nmt", nmt.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("NMT of pid 999", "has no section '= 999 ...'", "[20296, 20297, 20298]");
    }

    @Test
    void nmtWithoutPidHeaderIsMatchedToTheOnlyJvmOrNeedsItsPid() throws Exception {
        Path nmt = tmp.resolve("nmt.txt");
        Files.writeString(nmt, "Virtual memory map:\n\n[0x0000000687400000 - 0x0000000800000000] reserved 6172672KB"
                + " for Java Heap from\n");
        String mappings = capture.resolve("mem_mapping.txt.gz").toString();
        CliRun two = CliRun.of("summary", "--mappings", mappings, "--nmt", nmt.toString());
        assertThat(two.exitCode()).isEqualTo(2);
        assertThat(two.err()).contains("no 'PID:' first line", "2 java processes [20296, 20297]", "--nmt-pid");

        CliRun named = CliRun.of("summary", "--json", "--mappings", mappings, "--nmt", nmt.toString(), "--nmt-pid", "20297");
        assertThat(named.exitCode()).as(named.err()).isZero();
        assertThat(nmtPid(named)).isEqualTo(20297);

        // The same dump without the companion JVM's section: the workload is the only java process.
        Path oneJvm = tmp.resolve("mem_mapping.txt");
        Files.write(oneJvm, withoutSection(mappings, 20297));
        CliRun only = CliRun.of("summary", "--json", "--mappings", oneJvm.toString(), "--nmt", nmt.toString());
        assertThat(only.exitCode()).as(only.err()).isZero();
        assertThat(nmtPid(only)).isEqualTo(20296);
    }

    private static int nmtPid(CliRun run) {
        return JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("nmt").get(0).getAsJsonObject()
                .get("pid").getAsInt();
    }

    /** The lines of a gzipped dump without those of section {@code = pid ...}. */
    private static List<String> withoutSection(String gz, int pid) throws Exception {
        List<String> kept = new ArrayList<>();
        boolean skip = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of(gz))), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("= ")) {
                    skip = line.startsWith("= " + pid + " ");
                }
                if (!skip) {
                    kept.add(line);
                }
            }
        }
        return kept;
    }

    @Test
    void aLogFromAnotherGuestIsRefused() throws Exception {
        Path log = tmp.resolve("uffd.log");
        Files.writeString(log, "UFFD_EVENT_PAGEFAULT (r): 0x7f0000000000 0x7f0000000000  Loading: 0x700000000 - 0x700001000\n");
        CliRun run = CliRun.of("summary", "--mappings", capture.resolve("mem_mapping.txt.gz").toString(),
                "--uffd", log.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("none of its 1 faults lands in the guest's RAM");
    }

    @Test
    void theCaptureIsNeverModified() throws Exception {
        Path f = capture.resolve("mem_mapping.txt.gz");
        long before = Files.getLastModifiedTime(f).toMillis();
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
        CliRun.of("summary", capture.toString());
        assertThat(Files.getLastModifiedTime(f).toMillis()).isEqualTo(before);
        assertThat(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))).isEqualTo(digest);
    }
}
