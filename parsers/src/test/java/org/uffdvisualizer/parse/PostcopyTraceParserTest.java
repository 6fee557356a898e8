package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.progress.ProgressListener;

class PostcopyTraceParserTest {
    @TempDir
    Path dir;

    /**
     * QEMU's log backend: demand requests from two vCPU threads (one page asked twice before it
     * arrived), placements of data and zero pages, a request in another RAM block, other events.
     */
    private static final String TRACE = """
            26350@1795391996.000001:migrate_set_state new state postcopy-active
            26363@1795391996.881603:postcopy_ram_fault_thread_request Request for HVA=0x7fcfe3ecb000 rb=pc.ram offset=0xcb000 pid=26354
            26364@1795391996.974466:postcopy_place_page host=0x7fcfe3ecb000
            26363@1795391997.5:postcopy_ram_fault_thread_request Request for HVA=0x7fcfe5000123 rb=pc.ram offset=0x201c000 pid=26355
            26363@1795391997.600000:postcopy_ram_fault_thread_request Request for HVA=0x7fcfe5000123 rb=pc.ram offset=0x201c000 pid=26354
            26363@1795391997.700000:postcopy_ram_fault_thread_request Request for HVA=0x7fd000000000 rb=vga.vram offset=0x1000 pid=26354
            26364@1795391997.800000:postcopy_place_page_zero host=0x7fcfe3ecc000
            """;

    private FaultTrace parse(String text, Diagnostics d) throws Exception {
        return UffdLogParser.parse(TestFiles.writeGzip(dir, "qemu-postcopy-trace.log.gz", text), MemoryLayout.X86_64, d,
                ProgressListener.NONE).trace();
    }

    @Test
    void keepsTheFirstDemandRequestOfEachRamPage() throws Exception {
        FaultTrace t = parse(TRACE, new Diagnostics(true));
        assertThat(t.faultCount()).isEqualTo(2);
        assertThat(t.physical(0)).isEqualTo(0xcb000L);
        assertThat(t.physical(1)).isEqualTo(0x201c000L);
        assertThat(t.hostPage(1)).isEqualTo(0x7fcfe5000000L);
        assertThat(t.thread(0)).isEqualTo(26354);
        assertThat(t.thread(1)).isEqualTo(26355);
        assertThat(t.nanos(0)).isEqualTo(1_795_391_996_881_603_000L);
        assertThat(t.nanos(1)).isEqualTo(1_795_391_997_500_000_000L);
        assertThat(t.line(1)).isEqualTo(4);
        assertThat(t.isZeroed(0)).isFalse();
        assertThat(RestoreTraceKind.of(dir.resolve("qemu-postcopy-trace.log.gz"))).isEqualTo(RestoreTraceKind.POSTCOPY);
    }

    @Test
    void aRequestWithoutItsOffsetIsReportedWithItsLine() throws Exception {
        Diagnostics d = new Diagnostics(false);
        FaultTrace t = parse(TRACE.replace("rb=pc.ram offset=0xcb000", "rb=pc.ram"), d);
        assertThat(t.faultCount()).isEqualTo(1);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(2L);
    }

    @Test
    void onlyOtherBlocksIsAnError() {
        String text = "1@2.0:postcopy_ram_fault_thread_request Request for HVA=0x7f0000001000 rb=vga.vram offset=0x1000 pid=3\n";
        assertThatThrownBy(() -> parse(text, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("pc.ram");
    }
}
