package org.uffdvisualizer.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.LoadedCapture;

/** The warnings above the table: each difference that makes a comparison hard to read, and only those. */
class ComparabilityTest {
    private static final long P = SmallCapture.PAGE;
    private static final long GIB = 1L << 30;

    @TempDir
    Path tmp;

    /** A JVM of {@code jdk} with 16 resident heap pages on frames 0x100.., {@code faults} of them faulted. */
    private LoadedCapture capture(String name, String jdk, int faults, long memoryFile) throws Exception {
        SmallCapture c = new SmallCapture(tmp.resolve(name), 100, "/opt/" + jdk + "/bin/java")
                .mapping(0x1000_0000L, 0x1000_0000L + 16 * P, "", 16, 0x100)
                .nmtRegion(0x1000_0000L, 0x1000_0000L + 16 * P, "Java Heap")
                .memoryFile(memoryFile);
        for (int i = 0; i < faults; i++) {
            c.fault(0x100 + i, false);
        }
        return c.load(faults > 0 ? "uffd.log" : null);
    }

    private static List<ComparabilityWarning.Kind> kinds(LoadedCapture a, LoadedCapture b) {
        return CaptureComparison.of(List.of(ComparedRun.of(a), ComparedRun.of(b)), 0).warnings().stream()
                .map(ComparabilityWarning::kind).toList();
    }

    @Test
    void sameJdkSameRamSimilarFaultsWarnsOfNothing() throws Exception {
        assertThat(kinds(capture("a", "jdk-17", 11, GIB), capture("b", "jdk-17", 5, GIB))).isEmpty();
    }

    @Test
    void anotherJdkIsAnotherExecutableAndVersion() throws Exception {
        assertThat(kinds(capture("a", "jdk-17", 11, GIB), capture("b", "jdk-21", 11, GIB)))
                .containsExactly(ComparabilityWarning.Kind.EXECUTABLE, ComparabilityWarning.Kind.JDK);
    }

    @Test
    void faultCountsMoreThanTenTimesApart() throws Exception {
        assertThat(kinds(capture("a", "jdk-17", 11, GIB), capture("b", "jdk-17", 1, GIB)))
                .containsExactly(ComparabilityWarning.Kind.FAULT_COUNT);
        assertThat(kinds(capture("c", "jdk-17", 10, GIB), capture("d", "jdk-17", 1, GIB))).isEmpty();
    }

    @Test
    void guestRamOfAnotherSize() throws Exception {
        List<ComparabilityWarning> w = CaptureComparison.of(List.of(ComparedRun.of(capture("a", "jdk-17", 4, GIB)),
                ComparedRun.of(capture("b", "jdk-17", 4, 2 * GIB))), 0).warnings();
        assertThat(w).extracting(ComparabilityWarning::kind).containsExactly(ComparabilityWarning.Kind.GUEST_RAM);
        assertThat(w.get(0).message()).contains("1.0 GiB").contains("2.0 GiB");
    }

    @Test
    void aRunWithoutAUffdLogIsNamed() throws Exception {
        List<ComparabilityWarning> w = CaptureComparison.of(List.of(ComparedRun.of(capture("a", "jdk-17", 4, GIB)),
                ComparedRun.of(capture("quiet", "jdk-17", 0, GIB))), 0).warnings();
        assertThat(w).extracting(ComparabilityWarning::kind).containsExactly(ComparabilityWarning.Kind.NO_UFFD_LOG);
        assertThat(w.get(0).message()).startsWith("quiet");
    }
}
