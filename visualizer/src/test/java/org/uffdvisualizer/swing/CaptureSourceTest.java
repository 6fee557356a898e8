package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.TestCaptures;

/** Dropped files, recent-capture lines and the bundled capture. */
class CaptureSourceTest {
    private static final CaptureLoader.Options OPTIONS = CaptureLoader.Options.defaults();

    @TempDir
    Path tmp;

    @Test
    void droppedFilesAreRecognisedByTheirContent() throws Exception {
        Path jvm17 = TestCaptures.jvm17Dir();
        Path m = Files.copy(jvm17.resolve("mem_mapping.txt.gz"), tmp.resolve("qemu.mem_mapping.txt"));
        Path u = Files.copy(jvm17.resolve("uffd.log.gz"), tmp.resolve("qemu.uffd.log"));
        Path n = Files.copy(jvm17.resolve("nmt.txt.gz"), tmp.resolve("qemu.nmt.txt"));
        CaptureSource s = CaptureSource.ofDropped(List.of(n, u, m), OPTIONS);
        assertThat(s.files()).isEqualTo(new CaptureFiles(m, u, List.of(n)));
        assertThat(CaptureSource.ofDropped(List.of(TestCaptures.jvm17Dir()), OPTIONS).directory())
                .isEqualTo(TestCaptures.jvm17Dir().toAbsolutePath().normalize());
        Path odd = Files.writeString(tmp.resolve("notes.bin"), "not a capture file\n");
        assertThatThrownBy(() -> CaptureSource.ofDropped(List.of(m, odd), OPTIONS)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("notes.bin");
        assertThatThrownBy(() -> CaptureSource.ofDropped(List.of(u), OPTIONS)).hasMessageContaining("no mapping dump");
    }

    @Test
    void recentLinesRoundTrip() {
        CaptureSource dir = CaptureSource.ofDirectory(tmp, OPTIONS);
        assertThat(CaptureSource.decode(dir.encode(), OPTIONS)).isEqualTo(dir);
        CaptureSource files = CaptureSource.ofFiles(new CaptureFiles(tmp.resolve("a"), null,
                List.of(tmp.resolve("n1"), tmp.resolve("n2"))), OPTIONS);
        assertThat(CaptureSource.decode(files.encode(), OPTIONS)).isEqualTo(files);
        assertThat(CaptureSource.decode("garbage", OPTIONS)).isNull();
    }

    @Test
    void theBundledCaptureExtractsReadOnlyWithTheTimedLog() throws Exception {
        assertThat(BundledCapture.isAvailable()).isTrue();
        CaptureFiles f = BundledCapture.extract();
        assertThat(f.mappings().getFileName().toString()).isEqualTo("mem_mapping.txt.gz");
        assertThat(f.uffd().getFileName().toString()).isEqualTo("uffd.log.gz");     // the first restore's timed trace
        assertThat(f.nmt()).hasSize(1);
        assertThat(Files.getPosixFilePermissions(f.mappings())).doesNotContain(
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(Files.size(f.mappings())).isEqualTo(
                Files.size(TestCaptures.sampleDir("lab-jvm17-default").resolve("mem_mapping.txt.gz")));
    }
}
