package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture files told apart by their first lines, whatever their names; the log with timestamps preferred. */
class CaptureFileKindTest {

    @TempDir
    Path tmp;

    private final Path jvm17 = TestFiles.sampleData().resolve("jvm17-default");

    @Test
    void theCaptureLabsRestoreTracesAreTimedLogsAndTheFirstRestoreIsChosen() throws Exception {
        Path lab = TestFiles.sampleData().resolve("lab-jvm17-default");
        for (String trace : new String[] {"uffd.log.gz", "uffd-restore-2.log.gz", "uffd-restore-3.log.gz"}) {
            assertThat(CaptureFileKind.of(lab.resolve(trace))).as(trace).isEqualTo(CaptureFileKind.UFFD_LOG_TIMED);
        }
        assertThat(CaptureFileKind.ofHead("# qemu trace\n1234@1.5:postcopy_ram_fault_thread_request request RAMBlock pc.ram"
                + " offset 0x1000 pid 7\n")).isEqualTo(CaptureFileKind.UFFD_LOG_TIMED);
        CaptureFiles files = CaptureFiles.inDirectory(lab);
        assertThat(files.uffd().getFileName().toString()).isEqualTo("uffd.log.gz");
        assertThat(files.otherUffdLogs()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("uffd-restore-2.log.gz", "uffd-restore-3.log.gz");
    }

    @Test
    void theSampleFilesAreRecognisedByContent() {
        assertThat(CaptureFileKind.of(jvm17.resolve("mem_mapping.txt.gz"))).isEqualTo(CaptureFileKind.MAPPINGS);
        assertThat(CaptureFileKind.of(jvm17.resolve("uffd.log.gz"))).isEqualTo(CaptureFileKind.UFFD_LOG);
        assertThat(CaptureFileKind.of(jvm17.resolve("uffd-extended.log.gz"))).isEqualTo(CaptureFileKind.UFFD_LOG_TIMED);
        assertThat(CaptureFileKind.of(jvm17.resolve("nmt.txt.gz"))).isEqualTo(CaptureFileKind.NMT);
        assertThat(CaptureFileKind.of(jvm17.resolve("proc-facts.txt"))).isEqualTo(CaptureFileKind.OTHER);
        assertThat(CaptureFileKind.of(tmp.resolve("missing"))).isEqualTo(CaptureFileKind.OTHER);
    }

    @Test
    void firstLinesDecide() {
        assertThat(CaptureFileKind.ofHead("= 0 kernel\np 0x1000 0x2000 1 0\n")).isEqualTo(CaptureFileKind.MAPPINGS);
        assertThat(CaptureFileKind.ofHead("v 0x0000000687400000 0x00000006cf800000 \n")).isEqualTo(CaptureFileKind.MAPPINGS);
        assertThat(CaptureFileKind.ofHead("Connected to PID 7\n")).isEqualTo(CaptureFileKind.UFFD_LOG);
        assertThat(CaptureFileKind.ofHead("Connected to PID 7\nUFFD_EVENT_PAGEFAULT (r): 1 0x1 0x1 Loading: 0x0 - 0x1000"
                + " t=5 gpa=0x0\n")).isEqualTo(CaptureFileKind.UFFD_LOG_TIMED);
        assertThat(CaptureFileKind.ofHead("20296:\n\nNative Memory Tracking:\n")).isEqualTo(CaptureFileKind.NMT);
        assertThat(CaptureFileKind.ofHead("# a README\nsome words\n")).isEqualTo(CaptureFileKind.OTHER);
    }

    @Test
    void aDirectoryOfOtherNamesIsACaptureWithTheTimedLogChosen() throws Exception {
        Path m = Files.copy(jvm17.resolve("mem_mapping.txt.gz"), tmp.resolve("default.mem_mapping.txt"));
        Path plain = Files.copy(jvm17.resolve("uffd.log.gz"), tmp.resolve("qemu.uffd.log"));
        Path timed = Files.copy(jvm17.resolve("uffd-extended.log.gz"), tmp.resolve("handler-run2.txt"));
        Path n = Files.copy(jvm17.resolve("nmt.txt.gz"), tmp.resolve("jcmd-20296.out"));
        Files.writeString(tmp.resolve("notes.txt"), "how this capture was taken\n");
        CaptureFiles found = CaptureFiles.inDirectory(tmp);
        assertThat(found).isEqualTo(new CaptureFiles(m, timed, List.of(n), List.of(plain)));
        assertThat(found.withUffd(plain)).isEqualTo(new CaptureFiles(m, plain, List.of(n), List.of(timed)));
        assertThat(CaptureFiles.recognise(List.of(n, plain, m), "the chosen files", true))
                .isEqualTo(new CaptureFiles(m, plain, List.of(n), List.of()));
        assertThatThrownBy(() -> CaptureFiles.recognise(List.of(m, tmp.resolve("notes.txt")), "the chosen files", true))
                .isInstanceOf(CaptureException.class).hasMessageContaining("notes.txt");
    }

    @Test
    void withoutAMappingDumpTheMessageListsWhatWasFound() throws Exception {
        Files.copy(jvm17.resolve("uffd.log.gz"), tmp.resolve("qemu.uffd.log"));
        assertThatThrownBy(() -> CaptureFiles.inDirectory(tmp)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("no mapping dump").hasMessageContaining("qemu.uffd.log");
    }
}
