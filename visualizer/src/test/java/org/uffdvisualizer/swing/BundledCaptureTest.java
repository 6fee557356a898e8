package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureFiles;

/** The build bundles exactly the files of the sample capture that the window reads, nothing more. */
class BundledCaptureTest {

    @Test
    void everyBundledFileIsOneTheLoaderReads() throws Exception {
        CaptureFiles read = BundledCapture.extract();
        List<String> readNames = Stream.concat(Stream.of(read.mappings(), read.uffd()), read.nmt().stream())
                .map(p -> p.getFileName().toString()).toList();
        Path bundled = Path.of(BundledCapture.class.getResource("/bundled-capture/").toURI());
        try (Stream<Path> files = Files.list(bundled)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(readNames);
        }
    }
}
