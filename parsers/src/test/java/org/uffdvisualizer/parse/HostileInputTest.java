package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.GuestLimits;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The damaged inputs of issue 9 (items 1 to 9 and 11): each gives a diagnostic or a message
 * naming the file, never an allocation the input did not earn, a wrong line number or a silently
 * complete result.
 */
class HostileInputTest {
    @TempDir
    Path dir;

    /** A small dump: kernel, page cache spanning 1 GiB of RAM, and one JVM with two pages. */
    static final String DUMP = """
            = 0 kernel
            v 0x0000000001000000 0x0000000001ffffff Kernel code
            p 0x0000000001000000 0x0000000000000800
            = -1 pagecache
            v 000000000000000000 0x0000000040000000 /proc/kpageflags
            p 0x0000000002000000 0x0000000400000068
            = 114 /opt/jdk-17/bin/java
            v 0x00007f0000000000 0x00007f0000004000 [heap]
            p 0x00007f0000000000 0x0000000003000000 1 0
            p 0x00007f0000001000 0x0000000003001000 1 0
            """;

    static final String LOG_HEADER = """
            Mapping memory file /snap/mem to address 0x7f0000000000-0x7f0040000000, size = 1073741824
            Connected to PID 4711
            """;

    private static String fault(long offset, long length) {
        return String.format("UFFD_EVENT_PAGEFAULT (r): 0x00007f0000000000 0x00007f0000000000  Loading: %#018x - %#018x%n",
                offset, offset + length);
    }

    private LoadedCapture load(Path mappings, Path uffd, List<Path> nmt, boolean strict) throws CaptureException {
        return CaptureLoader.load(new CaptureFiles(mappings, uffd, nmt),
                new CaptureLoader.Options(strict, org.uffdvisualizer.model.MemoryLayout.X86_64, -1), ProgressListener.NONE);
    }

    private Path dump() throws Exception {
        return TestFiles.write(dir, "mem_mapping.txt", DUMP);
    }

    // ---- item 1: a huge fault range is a bad line, not an allocation

    @Test
    void aFaultRangeLargerThanAnyPageIsABadLineNotAnAllocation() throws Exception {
        // The second range wraps past 2^63 (a fuzz finding): as a signed number it was negative, so "small".
        Path log = TestFiles.write(dir, "uffd.log", LOG_HEADER + fault(0x3000000, 4096) + fault(0, 0x10000000000L)
                + fault(0xe2648000L, 0xe264900001015000L - 0xe2648000L));
        LoadedCapture c = load(dump(), log, List.of(), false);
        assertThat(c.capture().trace().faultCount()).isEqualTo(1);
        assertThat(c.diagnostics().list()).hasSize(2).allSatisfy(d -> {
            assertThat(d.file()).isEqualTo(log);
            assertThat(d.problem()).contains("larger than");
        });
        assertThat(c.diagnostics().list()).extracting(Diagnostic::line).containsExactly(4L, 5L);
    }

    @Test
    void aFaultBeyondTheMemoryFileIsABadLine() throws Exception {
        Path log = TestFiles.write(dir, "uffd.log", LOG_HEADER + fault(0x3000000, 4096) + fault(0x40000000L, 4096));
        LoadedCapture c = load(dump(), log, List.of(), false);
        assertThat(c.diagnostics().list()).singleElement()
                .satisfies(d -> assertThat(d.problem()).contains("beyond the memory file"));
    }

    // ---- item 2: the largest supported guest, checked at parse time with file and line

    @Test
    void pagesAndRamBeyondTheLargestSupportedGuestAreBadLines() throws Exception {
        String text = DUMP.replace("0x0000000003001000 1 0", "0x000007fffffff000 1 0")
                .replace("v 000000000000000000 0x0000000040000000", "v 000000000000000000 0x7fffffffffffffff");
        Path f = TestFiles.write(dir, "mem_mapping.txt", text);
        LoadedCapture c = load(f, null, List.of(), false);
        assertThat(c.diagnostics().list()).extracting(Diagnostic::line).containsExactly(5L, 10L);
        assertThat(c.diagnostics().list()).allSatisfy(d -> assertThat(d.problem()).contains("2 TiB"));
        assertThat(c.capture().physical().end()).isPositive().isLessThanOrEqualTo(GuestLimits.MAX_PHYSICAL_END);
        assertThatThrownBy(() -> load(f, null, List.of(), true)).isInstanceOf(BadLineException.class)
                .hasMessageContaining(f + ":5");
    }

    @Test
    void aMemoryFileLargerThanTheLargestGuestIsABadLine() throws Exception {
        Path log = TestFiles.write(dir, "uffd.log", LOG_HEADER.replace("1073741824", "9223372036854775807")
                + fault(0x3000000, 4096));
        LoadedCapture c = load(dump(), log, List.of(), false);
        assertThat(c.diagnostics().list()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(1));
        assertThat(c.capture().physical().ramBytes()).isEqualTo(1L << 30);
    }

    // ---- item 3: a line longer than 1 MiB is one bad line with its true number, gzip or not

    @Test
    void anOverlongLineIsOneBadLineWithItsTrueNumberInEveryParserAndEncoding() throws Exception {
        String junk = "p " + "0".repeat(LineReader.MAX_LINE + 100) + " UFFD_EVENT_PAGEFAULT (r): 0 0 Loading: 0x0 - 0x1000\n";
        String dump = DUMP.replace("= 114", junk + "= 114");
        String log = LOG_HEADER + junk.replace("p ", "# ") + fault(0x3000000, 4096) + "nonsense\n";
        for (boolean gzip : new boolean[] {false, true}) {
            Path m = gzip ? TestFiles.writeGzip(dir, "m.txt.gz", dump) : TestFiles.write(dir, "m.txt", dump);
            Path u = gzip ? TestFiles.writeGzip(dir, "u.log.gz", log) : TestFiles.write(dir, "u.log", log);
            LoadedCapture c = load(m, u, List.of(), false);
            assertThat(c.diagnostics().list()).extracting(Diagnostic::line).as("gzip %s", gzip)
                    .containsExactly(7L, 3L, 5L);
            assertThat(c.diagnostics().list().get(0).problem()).contains("longer than");
            assertThat(c.capture().trace().faultCount()).isEqualTo(1);
            assertThat(c.capture().trace().line(0)).isEqualTo(4);
            assertThat(c.capture().mappings().entryCount()).isEqualTo(4);
            assertThatThrownBy(() -> load(m, u, List.of(), true)).isInstanceOf(BadLineException.class);
        }
    }

    // ---- item 4: CR-only line ends are rejected clearly, CRLF is read like LF

    @Test
    void crlfReadsLikeLfAndCrOnlyIsRejectedClearly() throws Exception {
        Path crlf = TestFiles.write(dir, "crlf.txt", DUMP.replace("\n", "\r\n"));
        LoadedCapture c = load(crlf, null, List.of(), true);
        assertThat(c.capture().mappings().entryCount()).isEqualTo(4);
        Path cr = TestFiles.write(dir, "cr.txt", DUMP.replace("\n", "\r"));
        assertThatThrownBy(() -> load(cr, null, List.of(), false)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("carriage return");
        Path crLog = TestFiles.write(dir, "cr.log", (LOG_HEADER + fault(0x3000000, 4096)).replace("\n", "\r"));
        assertThatThrownBy(() -> load(crlf, crLog, List.of(), false)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("carriage return");
    }

    // ---- item 5: cut NMT lists, garbled region headers and junk lines are reported

    static final String NMT = """
            114:

            Native Memory Tracking:

            Virtual memory map:

            [0x00000000e8000000 - 0x0000000100000000] reserved 393216KB for Java Heap from
                [0x00007f74f231953c] ReservedSpace::reserve(unsigned long)+0xac

            \t[0x00000000e8000000 - 0x00000000e9550000] committed 21824KB from
                        [0x00007f74f2318db3] VirtualSpace::expand_by(unsigned long, bool)+0xe3

            [0x0000000100000000 - 0x0000000140000000] reserved 65536KB for Metaspace from
                [0x00007f74f231953c] ReservedSpace::reserve(unsigned long)+0xac

            \t[0x0000000100000000 - 0x0000000100080000] committed 512KB from
                        [0x00007f74f2318db3] VirtualSpace::expand_by(unsigned long, bool)+0xe3

            Details:
            """;

    @Test
    void anNmtFileCutInsideItsRegionListIsReportedPlainAndGzip() throws Exception {
        String cut = NMT.substring(0, NMT.indexOf("[0x0000000100000000 - 0x0000000140000000]"));
        for (Path f : List.of(TestFiles.write(dir, "nmt.txt", cut), TestFiles.writeGzip(dir, "nmt2.txt.gz", cut))) {
            Diagnostics d = new Diagnostics(false);
            NmtParser.parse(f, -1, d, ProgressListener.NONE);
            assertThat(d.list()).as(f.toString()).singleElement()
                    .satisfies(x -> assertThat(x.problem()).contains("ends inside"));
        }
    }

    @Test
    void aGarbledRegionHeaderIsReportedAndItsSubRegionsAttachNowhere() throws Exception {
        Path f = TestFiles.write(dir, "nmt.txt", NMT.replace("[0x0000000100000000 - 0x0000000140000000] reserved",
                "[0xQQ00000100000000 - 0x0000000140000000] reserved"));
        Diagnostics d = new Diagnostics(false);
        NmtMap map = NmtParser.parse(f, -1, d, ProgressListener.NONE).map();
        assertThat(d.list()).singleElement().satisfies(x -> assertThat(x.line()).isEqualTo(13));
        assertThat(map.committedCount()).isEqualTo(1);
    }

    @Test
    void junkInAUffdLogIsReportedAndRealNonRecordLinesAreNot() throws Exception {
        Path log = TestFiles.write(dir, "uffd.log", LOG_HEADER
                + "# uffd-handler log-format=extended version=1 page_size=4096\n"
                + "Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: 139981637025792, size: 1073741824, offset: 0 }\n"
                + "Segment { whatever }\n\n"
                + fault(0x3000000, 4096) + "random junk\n# summary: faults=1\n");
        LoadedCapture c = load(dump(), log, List.of(), false);
        assertThat(c.diagnostics().list()).singleElement().satisfies(d -> assertThat(d.line()).isEqualTo(8));
        assertThatThrownBy(() -> load(dump(), log, List.of(), true)).isInstanceOf(BadLineException.class)
                .hasMessageContaining(log + ":8");
    }

    // ---- item 6: a FIFO is refused at once

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("mem_mapping.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
        assertThatThrownBy(() -> load(fifo, null, List.of(), false)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("not a regular file");
    }

    // ---- item 7: strict on a damaged gzip stops the pipeline in order

    @Test
    void strictOnADamagedGzipNeverLeaksARejectedTask() throws Exception {
        // The bad line comes early, while the reader thread is still inflating and handing out chunks.
        StringBuilder big = new StringBuilder(DUMP).append("garbage\n");
        for (int i = 0; i < 200_000; i++) {
            big.append(String.format("p 0x%016x 0x%016x 1 0%n", 0x7f0000000000L + i * 4096L, 0x3002000L + i * 4096L));
        }
        Path gz = TestFiles.writeGzip(dir, "m.txt.gz", big.toString());
        byte[] bytes = Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.txt.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        java.util.concurrent.atomic.AtomicReference<Throwable> leaked = new java.util.concurrent.atomic.AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> leaked.set(e));
        try {
            for (int i = 0; i < 40; i++) {
                assertThatThrownBy(() -> load(cut, null, List.of(), true)).isInstanceOf(BadLineException.class);
                assertThatThrownBy(() -> load(gz, null, List.of(), true)).isInstanceOf(BadLineException.class);
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(leaked.get()).isNull();
    }

    // ---- item 8: a log from another capture

    @Test
    void aLogWhoseFaultsMostlyMissTheDumpWarnsNamingBothFiles() throws Exception {
        StringBuilder log = new StringBuilder(LOG_HEADER.replace("1073741824", "26843545600"));
        log.append(fault(0x3000000, 4096));
        for (int i = 0; i < CaptureLoader.VERDICT_PAGES; i++) {
            log.append(fault(0x100000000L + i * 4096L, 4096));
        }
        Path m = dump();
        Path u = TestFiles.write(dir, "uffd.log", log.toString());
        LoadedCapture c = load(m, u, List.of(), false);
        assertThat(c.diagnostics().list()).singleElement().satisfies(d -> {
            assertThat(d.file()).isEqualTo(u);
            assertThat(d.problem()).contains(m.toString()).contains("another capture");
        });
        assertThatThrownBy(() -> load(m, u, List.of(), true)).isInstanceOf(BadLineException.class);
        Path few = TestFiles.write(dir, "few.log", LOG_HEADER + fault(0x10000000L, 4096) + fault(0x10001000L, 4096));
        assertThat(load(m, few, List.of(), true).isComplete()).as("two pages are too few to judge").isTrue();
    }

    // ---- item 9: a damaged section costs one diagnostic; diagnostics are capped per file

    @Test
    void aDamagedSectionHeaderCostsOneDiagnostic() throws Exception {
        StringBuilder text = new StringBuilder(DUMP.replace("= 114 /opt", "= 1x4 /opt"));
        for (int i = 2; i < 50_000; i++) {
            text.append(String.format("p 0x%016x 0x%016x 1 0%n", 0x7f0000000000L + i * 4096L, 0x3000000L + i * 4096L));
        }
        text.append("v 0x00007f0000000000 0x00007f0000004000 [stack]\np 0x00007f0000000000 0x0000000004000000 1 0\n");
        text.append("= 115 /bin/sh\nv 0x1000 0x2000 x\nv 0xZZ 0x3000 y\np 0x1000 0x5000 1 0\n");
        Path f = TestFiles.write(dir, "mem_mapping.txt", text.toString());
        LoadedCapture c = load(f, null, List.of(), false);
        assertThat(c.diagnostics().list()).extracting(Diagnostic::line).containsExactly(7L, 50_013L);
        assertThat(c.capture().mappings().mappingEntryCount(c.capture().mappings().mappingCount() - 1)).isZero();
    }

    @Test
    void diagnosticsAreCappedPerFileWithACountOfTheRest() throws Exception {
        Diagnostics d = new Diagnostics(false);
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        for (int i = 1; i <= Diagnostics.KEPT_PER_FILE + 50; i++) {
            d.report(a, i, "x", "bad");
        }
        d.report(b, 1, "y", "bad");
        assertThat(d.count()).isEqualTo(Diagnostics.KEPT_PER_FILE + 51);
        assertThat(d.list()).hasSize(Diagnostics.KEPT_PER_FILE + 1);
        assertThat(d.omitted(a)).isEqualTo(50);
        assertThat(d.omitted(b)).isZero();
        assertThat(d.list().get(Diagnostics.KEPT_PER_FILE).file()).isEqualTo(b);
    }

    // ---- item 11: a gzip file of two or three bytes

    @Test
    void aTinyGzipFileSaysItIsCut() throws Exception {
        for (int n = 2; n <= 3; n++) {
            Path f = dir.resolve("tiny" + n + ".gz");
            Files.write(f, java.util.Arrays.copyOf(new byte[] {0x1f, (byte) 0x8b, 8}, n));
            assertThatThrownBy(() -> load(f, null, List.of(), false)).isInstanceOf(CaptureException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("truncated gzip")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("null"));
        }
    }
}
