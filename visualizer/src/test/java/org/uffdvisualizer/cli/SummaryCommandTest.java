package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary command's text, options and exit codes, on the reference capture and on bad input. */
class SummaryCommandTest {
    @TempDir
    Path tmp;

    private final Path capture = CliRun.sharedCapture();

    @Test
    void textStartsWithTheOriginalToolsLinesThenTables() {
        CliRun run = CliRun.of("summary", capture.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^Parsed 175 mappings for 1 processes in \\d+ms\\.$");
        assertThat(run.out()).containsPattern("(?m)^Parsed 1339 UFFD events \\(1337 pages / 5348kb loaded, "
                + "2 pages / 8kb zeroed, 0 removed\\) in \\d+ms\\.$");
        assertThat(run.out()).containsPattern("(?m)^Parsed 27 NMT mappings \\(57 committed\\) for Java process 114");
        assertThat(run.out()).contains("/opt/jdk-17/bin/java", "[kernel]", "[pagecache]", "Java Heap", "Thread Stack");
        assertThat(run.out()).doesNotContain("INCOMPLETE");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theOriginalInvocationStillWorks() {
        // With a display this opens the window (tested by MainWindowGuiTest); headless it prints the summary.
        org.junit.jupiter.api.Assumptions.assumeTrue(java.awt.GraphicsEnvironment.isHeadless());
        CliRun run = CliRun.of(capture.resolve("mem_mapping.txt.gz").toString(),
                capture.resolve("uffd.log.gz").toString(), capture.resolve("nmt.txt.gz").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Parsed 1339 UFFD events", "for Java process 114");
    }

    @Test
    void statsReportSpeedAndHeapPerPLine() {
        CliRun run = CliRun.of("summary", "--json", "--stats", capture.toString());
        assertThat(run.exitCode()).isZero();
        JsonObject stats = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonObject("stats");
        assertThat(stats.get("pLines").getAsLong()).isEqualTo(62_729);
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
        assertThat(run.err()).contains("NMT of pid 999", "has no section '= 999 ...'", "[114]");
    }

    @Test
    void nmtWithoutPidHeaderIsMatchedToTheOnlyJvm() throws Exception {
        Path nmt = tmp.resolve("nmt.txt");
        Files.writeString(nmt, "Virtual memory map:\n\n[0x00000000e8000000 - 0x0000000100000000] reserved 393216KB"
                + " for Java Heap from\n");
        CliRun run = CliRun.of("summary", "--json", "--mappings", capture.resolve("mem_mapping.txt.gz").toString(),
                "--nmt", nmt.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonObject n = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("nmt").get(0).getAsJsonObject();
        assertThat(n.get("pid").getAsInt()).isEqualTo(114);
    }

    @Test
    void aLogFromAnotherGuestIsRefused() throws Exception {
        Path log = tmp.resolve("uffd.log");
        Files.writeString(log, "UFFD_EVENT_PAGEFAULT (r): 0x7f0000000000 0x7f0000000000  Loading: 0x80000000 - 0x80001000\n");
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
