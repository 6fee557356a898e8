package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.progress.ProgressListener;

class UffdLogParserTest {
    @TempDir
    Path dir;

    /** The examples of FORMATS.md section 2: both variants, zeroing, a remove, header noise. */
    private static final String EXAMPLE = """
            Mapping memory file /tmp/snap/mem size = 1073741824
            Connected to PID 4711
            Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: 0x7fffb0001000, size: 0x40000000, offset: 0x0 }
            Segment { whatever }
            UFFD_EVENT_PAGEFAULT (r): 0x00007fffb3cc0000 0x00007fffb3cc0000  Loading: 0x0000000003cc1000 - 0x0000000003cc2000
            UFFD_EVENT_PAGEFAULT (w): 0x00007fffb4497000 0x00007fffb4497000  Zeroing: 0x0000000004498000 - 0x0000000004499000
            UFFD_EVENT_PAGEFAULT (r): 0 0x00007fffb3cc8123 0x00007fffb3cc8000 Loading: 0x0000000003cc9000 - 0x0000000003cca000
            UFFD_EVENT_REMOVE: 0x00007fffa0000000 - 0x00007fffa0100000
            UFFD_EVENT_PAGEFAULT (r): 4242 0x00007fffb3cc8123 0x00007fffb3cc8000 Loading: 0x0000000003cc9000 - 0x0000000003cca000 t=1500 gpa=0x3cc9000
            """;

    private FaultTrace parse(String text, MemoryLayout layout, Diagnostics d) throws Exception {
        return UffdLogParser.parse(TestFiles.write(dir, "uffd.log", text), layout, d, ProgressListener.NONE).trace();
    }

    @Test
    void aLogThatSaysItsOrderWasComposedIsMarkedSo() throws Exception {
        FaultTrace plain = parse(EXAMPLE, MemoryLayout.X86_64, new Diagnostics(true));
        assertThat(plain.orderNote()).isNull();
        assertThat(plain.isComposedOrder()).isFalse();
        FaultTrace composed = parse(EXAMPLE + "# summary: faults=4\n# restore order: composed by make-restore-log \n",
                MemoryLayout.X86_64, new Diagnostics(true));
        assertThat(composed.orderNote()).isEqualTo("composed by make-restore-log");
        assertThat(composed.isComposedOrder()).isTrue();
        assertThat(composed.faultCount()).isEqualTo(plain.faultCount());
    }

    @Test
    void readsBothVariantsRemovesAndHeaders() throws Exception {
        FaultTrace t = parse(EXAMPLE, MemoryLayout.X86_64, new Diagnostics(true));
        assertThat(t.faultCount()).isEqualTo(4);
        assertThat(t.isWrite(0)).isFalse();
        assertThat(t.isWrite(1)).isTrue();
        assertThat(t.isZeroed(1)).isTrue();
        assertThat(t.isZeroed(0)).isFalse();
        assertThat(t.hostPage(0)).isEqualTo(0x7fffb3cc0000L);
        assertThat(t.fileOffset(0)).isEqualTo(0x3cc1000L);
        assertThat(t.pages(0)).isEqualTo(1);
        assertThat(t.hostPage(2)).isEqualTo(0x7fffb3cc8000L);       // the page address, not the fault address
        assertThat(t.hasThreads()).isTrue();
        assertThat(t.thread(2)).isZero();
        assertThat(t.thread(3)).isEqualTo(4242);
        assertThat(t.nanos(3)).isEqualTo(1500);
        assertThat(t.nanos(0)).isEqualTo(-1);
        assertThat(t.line(0)).isEqualTo(5);
        assertThat(t.removeCount()).isEqualTo(1);
        assertThat(t.removeStart(0)).isEqualTo(0x7fffa0000000L);
        assertThat(t.removeEnd(0)).isEqualTo(0x7fffa0100000L);
        assertThat(t.removeBefore(0)).isEqualTo(3);
        assertThat(t.memoryFileSize()).isEqualTo(1L << 30);
        assertThat(t.regionCount()).isEqualTo(1);
        assertThat(t.regionHost(0)).isEqualTo(0x7fffb0001000L);
        assertThat(t.physical(0)).isEqualTo(0x3cc1000L);
        assertThat(t.uniquePageCount()).isEqualTo(3);                // 3cc1, 4498, 3cc9 (twice)
        assertThat(t.firstFaultOf(0x3cc9)).isEqualTo(2);
        assertThat(t.hostToPhysical(0x7fffb0001000L + 0x5000)).isEqualTo(0x5000);
    }

    @Test
    void translatesOffsetsByLayout() throws Exception {
        String above3g = "UFFD_EVENT_PAGEFAULT (r): 0x7f0000000000 0x7f0000000000  Loading: 0xc0001000 - 0xc0002000\n";
        assertThat(parse(above3g, MemoryLayout.X86_64, new Diagnostics(true)).physical(0)).isEqualTo(0x100001000L);
        assertThat(parse(above3g, MemoryLayout.IDENTITY, new Diagnostics(true)).physical(0)).isEqualTo(0xc0001000L);
        assertThat(parse(above3g, MemoryLayout.AARCH64, new Diagnostics(true)).physical(0)).isEqualTo(0x140001000L);
    }

    @Test
    void regionLinesDecideWhereTheSecondRegionLands() throws Exception {
        // Firecracker prints its regions in Rust's Debug format (decimal); a 3.25 GiB first region.
        String log = """
                Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: 140000000000000, size: 3489660928, offset: 0, page_size_kib: 4096 }
                Create MemRegions for mapping GuestRegionUffdMapping { base_host_virt_addr: 150000000000000, size: 1073741824, offset: 3489660928, page_size_kib: 4096 }
                UFFD_EVENT_PAGEFAULT (r): 0x886c4a4b0000 0x886c4a4b0000  Loading: 0xd0000000 - 0xd0001000
                UFFD_EVENT_PAGEFAULT (r): 0x7f544dd6e000 0x7f544dd6e000  Loading: 0xcffff000 - 0xd0000000
                """;
        FaultTrace t = parse(log, MemoryLayout.X86_64, new Diagnostics(true));
        assertThat(t.regionCount()).isEqualTo(2);
        assertThat(t.regionSize(0)).isEqualTo(3489660928L);
        assertThat(t.physical(0)).isEqualTo(0x100000000L);        // first byte of region 2 is at 4 GiB
        assertThat(t.physical(1)).isEqualTo(0xcffff000L);
    }

    @Test
    void hugePagesServeManyFrames() throws Exception {
        String log = "UFFD_EVENT_PAGEFAULT (w): 0x7f0000200000 0x7f0000200000  Loading: 0x200000 - 0x400000\n";
        FaultTrace t = parse(log, MemoryLayout.X86_64, new Diagnostics(true));
        assertThat(t.pages(0)).isEqualTo(512);
        assertThat(t.uniquePageCount()).isEqualTo(512);
        assertThat(t.firstFaultOf(0x3ff)).isZero();
    }

    @Test
    void badEventLinesAndJunkAreDiagnosed() throws Exception {
        String log = """
                UFFD_EVENT_PAGEFAULT (x): 0x1000 0x1000  Loading: 0x1000 - 0x2000
                UFFD_EVENT_PAGEFAULT (r): 0x1000 0x1000  Loading: 0x2000 - 0x1000
                UFFD_EVENT_PAGEFAULT (r): 0x1000 0x1000  Copying: 0x1000 - 0x2000
                UFFD_EVENT_FORK: 1
                UFFD_EVENT_REMOVE: 0x5000
                hello
                UFFD_EVENT_PAGEFAULT (r): 0x1000 0x1000  Loading: 0x1000 - 0x2000
                UFFD_EVENT_REMOVE: 0x5000 - 0x5000
                """;
        Diagnostics d = new Diagnostics(false);
        FaultTrace t = parse(log, MemoryLayout.X86_64, d);
        assertThat(t.faultCount()).isEqualTo(1);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 8L);
    }

    @Test
    void aFileWithoutEventsIsNotALog() throws Exception {
        assertThatThrownBy(() -> parse("= 1 /bin/sh\nv 0x0 0x1000 \n", MemoryLayout.X86_64, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("no UFFD_EVENT_PAGEFAULT");
    }
}
