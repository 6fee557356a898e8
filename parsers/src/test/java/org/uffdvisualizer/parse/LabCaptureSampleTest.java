package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The committed captures of the capture lab (sample-data directories with a lab-run.txt): every
 * restore trace reads strictly as a page-touch trace, holds each page once, in time order,
 * inside the guest's RAM, and the pair default / THP + AppCDS is there with three restores each.
 */
class LabCaptureSampleTest {

    private static List<Path> labCaptures() throws IOException {
        try (Stream<Path> dirs = Files.list(TestFiles.sampleData())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("lab-run.txt"))).sorted().toList();
        }
    }

    private static List<Path> traces(Path capture) throws IOException {
        try (Stream<Path> files = Files.list(capture)) {
            return files.filter(f -> f.getFileName().toString().startsWith("uffd")).sorted().toList();
        }
    }

    @Test
    void theDefaultAndThpAppCdsPairHasThreeRestoresEach() throws IOException {
        List<Path> captures = labCaptures();
        assertThat(captures).extracting(p -> p.getFileName().toString())
                .contains("lab-jvm17-default", "lab-jvm17-thp-appcds");
        for (Path capture : captures) {
            assertThat(traces(capture)).as(capture.toString()).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void everyRestoreTraceReadsStrictlyWithEachPageOnceInTimeOrder() throws Exception {
        for (Path capture : labCaptures()) {
            for (Path trace : traces(capture)) {
                assertThat(RestoreTraceKind.of(trace)).as(trace.toString()).isEqualTo(RestoreTraceKind.PAGE_TOUCH);
                FaultTrace t = UffdLogParser.parse(trace, MemoryLayout.X86_64, new Diagnostics(true),
                        ProgressListener.NONE).trace();
                assertThat(t.faultCount()).as(trace.toString()).isGreaterThan(1000);
                BitSet seen = new BitSet();
                for (int i = 0; i < t.faultCount(); i++) {
                    long frame = t.physical(i) >>> 12;
                    assertThat(seen.get((int) frame)).as("%s: page 0x%x twice", trace, t.physical(i)).isFalse();
                    seen.set((int) frame);
                    assertThat(t.physical(i)).isLessThan(t.memoryFileSize());
                    if (i > 0) {
                        assertThat(t.nanos(i)).as("%s fault %d", trace, i).isGreaterThanOrEqualTo(t.nanos(i - 1));
                    }
                }
            }
        }
    }
}
