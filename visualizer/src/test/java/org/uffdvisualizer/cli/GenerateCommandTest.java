package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesACaptureTheSummaryReadsStrictly() {
        CliRun gen = CliRun.of("generate", "--guest", "1G", "--processes", "5", "--jvms", "2", "--faults", "5000",
                "--seed", "3", "--gzip", "--out", dir.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        assertThat(gen.out()).startsWith("Wrote ").contains("5 processes").contains("2 NMT file(s)");
        assertThat(Files.exists(dir.resolve("mem_mapping.txt.gz"))).isTrue();
        CliRun sum = CliRun.of("summary", "--strict", dir.toString());
        assertThat(sum.exitCode()).as(sum.err()).isZero();
        assertThat(sum.err()).isEmpty();
        assertThat(sum.out()).contains("Parsed 5000 UFFD events");
    }

    @Test
    void rejectsImpossibleOptions() {
        CliRun run = CliRun.of("generate", "--guest", "1G", "--processes", "2", "--jvms", "3", "--out", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("JVMs");
    }
}
