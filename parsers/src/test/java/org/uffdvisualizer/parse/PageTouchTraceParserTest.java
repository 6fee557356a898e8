package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.progress.ProgressListener;

class PageTouchTraceParserTest {
    @TempDir
    Path dir;

    /**
     * The shape lab/capture-lab.sh writes: header, two RAM mappings, threads, ftrace's comment
     * header, a marker, faults from vCPU threads (names with a space, a slash, a dash) and
     * QEMU's main thread; a write-protect fault after a read of the same page; a fault outside
     * guest RAM.
     */
    private static final String TRACE = """
            # uffdvisualizer page-touch trace 1
            # source: QEMU 7.2.22 TCG guest (default)
            # ram 0x7f0000000000 0x7f0020000000 0x0
            # ram 0x7f1000000000 0x7f1000100000 0x20000000
            # thread 500 qemu-system-x86
            # thread 501 CPU 0/TCG
            # tracer: nop
            #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
             uffdvis-lab-7-42 [000] ..... 100.000001: tracing_mark_write: uffdvis-lab: restore 1: running
                   CPU 0/TCG-501     [001] d....   100.250000: page_fault_user: address=0x7f00000cb2a8 ip=0x55d7c2b1c0fe error_code=0x4
                   CPU 0/TCG-501     [001] d....   100.250007: page_fault_user: address=0x7f00000cb2a8 ip=0x55d7c2b1c0fe error_code=0x7
             my-odd-name 2-502   [000] d....   100.5: page_fault_user: address=0x7f1000001000 ip=0x1 error_code=0x6
             qemu-system-x86-500 [000] d....   101.000000123: page_fault_user: address=0x55d7c3000000 ip=0x1 error_code=0x6
             qemu-system-x86-500 [000] d....   101.000001: page_fault_user: address=0x7f0000000000 ip=0x1 error_code=0x4
            """;

    private FaultTrace parse(String text, Diagnostics d) throws Exception {
        return UffdLogParser.parse(TestFiles.write(dir, "uffd.log", text), MemoryLayout.X86_64, d,
                ProgressListener.NONE).trace();
    }

    @Test
    void keepsTheFirstTouchOfEachGuestPageInOrder() throws Exception {
        FaultTrace t = parse(TRACE, new Diagnostics(true));
        assertThat(t.faultCount()).isEqualTo(3);
        assertThat(t.physical(0)).isEqualTo(0xcb000L);
        assertThat(t.physical(1)).isEqualTo(0x20001000L);          // second mapping, its own file offset
        assertThat(t.physical(2)).isZero();
        assertThat(t.isWrite(0)).isFalse();                         // error_code 0x4: user read
        assertThat(t.isWrite(1)).isTrue();                          // 0x6: user write
        assertThat(t.isZeroed(0)).isFalse();
        assertThat(t.thread(0)).isEqualTo(501);
        assertThat(t.thread(1)).isEqualTo(502);
        assertThat(t.thread(2)).isEqualTo(500);
        assertThat(t.nanos(0)).isEqualTo(100_250_000_000L);
        assertThat(t.nanos(1)).isEqualTo(100_500_000_000L);
        assertThat(t.nanos(2)).isEqualTo(101_000_001_000L);
        assertThat(t.line(0)).isEqualTo(10);
        assertThat(t.hostPage(0)).isEqualTo(0x7f00000cb000L);
        assertThat(t.memoryFileSize()).isEqualTo(0x20100000L);
    }

    @Test
    void recognisedByContentWhateverTheName() throws Exception {
        Path gz = TestFiles.writeGzip(dir, "restore-2.data", TRACE);
        FaultTrace t = UffdLogParser.parse(gz, MemoryLayout.X86_64, new Diagnostics(true), ProgressListener.NONE).trace();
        assertThat(t.faultCount()).isEqualTo(3);
    }

    @Test
    void reportsABadFaultLineWithItsNumberAndGoesOn() throws Exception {
        String text = TRACE.replace("100.5: page_fault_user: address=0x7f1000001000",
                "100.5: page_fault_user: address=zz");
        Diagnostics d = new Diagnostics(false);
        FaultTrace t = parse(text, d);
        assertThat(t.faultCount()).isEqualTo(2);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(12L);
        assertThat(d.list().get(0).problem()).contains("address=0xADDR");
    }

    @Test
    void readsTheTimeStampAndThreadItScansPast() throws Exception {
        String text = TRACE.replace("100.250000: page_fault_user: address=0x7f00000cb2a8",
                        "7.1234567891: page_fault_user: address=0x7f00000cb2a8")
                .replace("my-odd-name 2-502", "my-odd-name 2-2147483647").replace("100.5:", "100:");
        FaultTrace t = parse(text, new Diagnostics(true));
        assertThat(t.nanos(0)).isEqualTo(7_123_456_789L);           // ten digits of fraction: nanoseconds kept
        assertThat(t.nanos(1)).isEqualTo(100_000_000_000L);         // no fraction
        assertThat(t.thread(1)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aTimeStampThatIsNoNumberMakesABadLine() throws Exception {
        for (String stamp : new String[] {"1.2.5", "5.", ".5", "1234567890123456789.5", "1.1234567890123456789"}) {
            String text = TRACE.replace("100.5: page_fault_user", stamp + ": page_fault_user");
            Diagnostics d = new Diagnostics(false);
            FaultTrace t = parse(text, d);
            assertThat(t.faultCount()).as(stamp).isEqualTo(2);
            assertThat(d.list()).as(stamp).extracting(Diagnostic::line).containsExactly(12L);
            assertThat(d.list().get(0).problem()).as(stamp).contains("time stamp");
        }
    }

    @Test
    void aFaultBeforeTheRamLinesIsReported() throws Exception {
        String text = """
                 CPU 0/TCG-501 [001] d.... 1.0: page_fault_user: address=0x7f0000001000 ip=0x1 error_code=0x4
                # ram 0x7f0000000000 0x7f0020000000 0x0
                 CPU 0/TCG-501 [001] d.... 1.1: page_fault_user: address=0x7f0000002000 ip=0x1 error_code=0x4
                """;
        Diagnostics d = new Diagnostics(false);
        FaultTrace t = parse(text, d);
        assertThat(t.faultCount()).isEqualTo(1);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(1L);
    }

    @Test
    void aTraceWithoutRamLinesIsNotOne() {
        String text = " CPU 0/TCG-501 [001] d.... 1.0: page_fault_user: address=0x7f0000001000 ip=0x1 error_code=0x4\n";
        assertThatThrownBy(() -> parse(text, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("uffd.log")
                .hasMessageContaining("# ram");
    }
}
