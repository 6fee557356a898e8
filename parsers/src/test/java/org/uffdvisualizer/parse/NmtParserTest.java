package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.progress.ProgressListener;

class NmtParserTest {
    @TempDir
    Path dir;

    private static NmtParser.Result parse(Path f, Diagnostics d) throws CaptureException {
        return NmtParser.parse(f, -1, d, ProgressListener.NONE);
    }

    @Test
    void jdk17TabIndentedCommittedRegionsFromTheSampleCapture() throws Exception {
        Path f = TestFiles.sampleData().resolve("jvm17-default/nmt.txt.gz");
        Diagnostics d = new Diagnostics(true);
        NmtParser.Result r = parse(f, d);
        NmtMap m = r.map();
        assertThat(r.pidFromHeader()).isTrue();
        assertThat(m.pid()).isEqualTo(20296);
        // Counted independently with regular expressions over the same file.
        assertThat(m.reservedCount()).isEqualTo(count(f, "^\\[0x\\p{XDigit}+ - 0x\\p{XDigit}+\\] reserved"));
        assertThat(m.committedCount()).isEqualTo(count(f, "^\\s+\\[0x\\p{XDigit}+ - 0x\\p{XDigit}+\\] committed"));
        assertThat(m.reservedStart(0)).isEqualTo(0x687400000L);
        assertThat(m.category(m.reservedCategory(0))).isEqualTo("Java Heap");
        // jcmd's summary in the same file: Java Heap committed=1191936KB, Code mmap committed=7548KB,
        // Shared class space committed=12060KB
        assertThat(committedKb(m, "Java Heap")).isEqualTo(1191936);
        assertThat(committedKb(m, "Code")).isEqualTo(7548);
        assertThat(committedKb(m, "Shared class space")).isEqualTo(12060);
    }

    @Test
    void jdk25SpaceIndentedRegionsDescendingAndMemoryFileDetails() throws Exception {
        // Shape of Temurin 25's output: eight spaces, committed without 'from', empty separators,
        // frames without a space after ']', 'Memory file details' before 'Details:'.
        String text = """
                4711:

                Native Memory Tracking:

                Virtual memory map:

                [0x00007fa17aa7c000 - 0x00007fa17aa7d000] reserved and committed 4KB for Internal from
                    [0x00007fa1797916de]initialize_assert_poison()+0x1e
                    [0x00007fa17aa879df]JavaMain+0x8f in libjli.so

                        [0x00007fa17aa7c000 - 0x00007fa17aa7d000] committed 4KB from
                            [0x00007fa1797916f4]initialize_assert_poison()+0x34

                [0x00007fa178e20000 - 0x00007fa178f20000] reserved 1024KB for Thread Stack from
                    [0x00007fa17a208e2a]Threads::create_vm(JavaVMInitArgs*, bool*)+0x27a

                        [0x00007fa178e20000 - 0x00007fa178e24000] committed 16KB from
                            [0x00007fa17a0f27d7]StackOverflow::create_stack_guard_pages()+0x57

                        [0x00007fa178f00000 - 0x00007fa178f20000] committed 128KB

                [0x0000000680000000 - 0x0000000800000000] reserved and committed 6291456KB for Java Heap from
                    [0x00007fa179dccb64]MemoryReserver::reserve_memory(char*, unsigned long)+0x84

                Memory file details

                [0x0000000680000000 - 0x0000000800000000] reserved 6291456KB for Java Heap from
                Details:
                [0x0000000680000000 - 0x0000000800000000] reserved 6291456KB for Java Heap from
                """;
        NmtMap m = parse(TestFiles.write(dir, "nmt25.txt", text), new Diagnostics(true)).map();
        assertThat(m.pid()).isEqualTo(4711);
        assertThat(m.reservedCount()).isEqualTo(3);
        assertThat(m.committedCount()).isEqualTo(3);
        assertThat(m.committedCountOf(1)).isEqualTo(2);
        assertThat(m.committedBytes(1)).isEqualTo((16 + 128) * 1024);
        assertThat(m.committedBytes(2)).isEqualTo(6291456L * 1024);  // reserved and committed, no sub-region
        assertThat(m.category(m.reservedCategory(1))).isEqualTo("Thread Stack");
    }

    @Test
    void jdk25RealOutputFromThisMachineFindsEveryCommittedRegion() throws Exception {
        Path f = TestFiles.sampleData().resolve("jvm25-default/nmt.txt.gz");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(f), "sample-data/jvm25-default not present");
        NmtMap m = parse(f, new Diagnostics(true)).map();
        assertThat(m.reservedCount()).isEqualTo(countInMap(f, "^\\[0x\\p{XDigit}+ - 0x\\p{XDigit}+\\] reserved"));
        assertThat(m.committedCount()).isEqualTo(countInMap(f, "^\\s+\\[0x\\p{XDigit}+ - 0x\\p{XDigit}+\\] committed"));
        assertThat(m.committedCount()).isPositive();
    }

    @Test
    void withoutPidHeaderThePidComesFromTheCaller() throws Exception {
        Path f = TestFiles.write(dir, "nmt.txt", "Virtual memory map:\n\n[0x1000 - 0x3000] reserved 8KB for GC from\nDetails:\n");
        NmtParser.Result r = NmtParser.parse(f, 99, new Diagnostics(true), ProgressListener.NONE);
        assertThat(r.pidFromHeader()).isFalse();
        assertThat(r.map().pid()).isEqualTo(99);
        assertThat(r.map().category(0)).isEqualTo("GC");
    }

    @Test
    void summaryOnlyOutputIsRejectedWithAHint() throws Exception {
        Path f = TestFiles.write(dir, "nmt.txt", "12:\n\nNative Memory Tracking:\n\nTotal: reserved=1KB, committed=1KB\n");
        assertThatThrownBy(() -> parse(f, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("NativeMemoryTracking=detail");
    }

    @Test
    void badRegionLinesAreDiagnosed() throws Exception {
        String text = """
                Virtual memory map:
                \t[0x1000 - 0x2000] committed 4KB from
                [0x1000 - 0x3000] reserved lots for GC from
                [0x1000 - 0x3000] kept 8KB for GC from
                [0x1000 - 0x3000] reserved 8KB for GC from
                \t[0x1000 - 0x2000] committed 4KB from
                Details:
                """;
        Diagnostics d = new Diagnostics(false);
        NmtMap m = parse(TestFiles.write(dir, "nmt.txt", text), d).map();
        assertThat(m.reservedCount()).isEqualTo(1);
        assertThat(m.committedCount()).isEqualTo(1);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(2L, 3L, 4L);
    }

    private static long committedKb(NmtMap m, String category) {
        long sum = 0;
        for (int r = 0; r < m.reservedCount(); r++) {
            if (m.category(m.reservedCategory(r)).equals(category)) {
                sum += m.committedBytes(r);
            }
        }
        return sum / 1024;
    }

    private static int count(Path gz, String regex) throws Exception {
        return countLines(gz, regex, false);
    }

    private static int countInMap(Path gz, String regex) throws Exception {
        return countLines(gz, regex, true);
    }

    /** Counts matching lines, optionally only between 'Virtual memory map:' and the next section. */
    private static int countLines(Path gz, String regex, boolean onlyMap) throws Exception {
        Pattern p = Pattern.compile(regex);
        int n = 0;
        boolean in = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("Virtual memory map:")) {
                    in = true;
                } else if (line.startsWith("Details:") || line.startsWith("Memory file details")) {
                    in = false;
                }
                if ((in || !onlyMap) && p.matcher(line).find()) {
                    n++;
                }
                if (!onlyMap && line.startsWith("Details:")) {
                    break;
                }
            }
        }
        return n;
    }
}
