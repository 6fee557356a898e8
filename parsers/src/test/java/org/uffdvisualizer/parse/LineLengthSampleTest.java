package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineLengthSampleTest {
    @TempDir
    Path dir;

    @Test
    void aFileShorterThanTheSampleIsCountedExactly() throws IOException {
        Path f = TestFiles.write(dir, "short.log", "one\ntwo\nthree\n");
        assertThat(LineLengthSample.expectedLines(f, Files.size(f), 100)).isEqualTo(3);
    }

    @Test
    void aLastLineWithoutNewlineCounts() throws IOException {
        Path f = TestFiles.write(dir, "open.log", "one\ntwo\nthree");
        assertThat(LineLengthSample.expectedLines(f, Files.size(f), 100)).isEqualTo(3);
    }

    @Test
    void aLargeFileIsEstimatedFromItsFirstLines() throws IOException {
        String line = "x".repeat(154) + "\n";                       // 155 bytes, like an extended uffd line
        Path f = TestFiles.write(dir, "big.log", line.repeat(10_000));
        assertThat(Files.size(f)).isGreaterThan(LineLengthSample.SAMPLE);
        assertThat(LineLengthSample.expectedLines(f, Files.size(f), 120)).isBetween(10_000L, 10_010L);
    }

    @Test
    void noCompleteLineInTheSampleFallsBackToTheGuess() throws IOException {
        Path f = TestFiles.write(dir, "one-long-line.log", "y".repeat(LineLengthSample.SAMPLE + 10) + "\n");
        assertThat(LineLengthSample.expectedLines(f, Files.size(f), 100)).isEqualTo(Files.size(f) / 100);
    }

    @Test
    void anUnreadableFileFallsBackToTheGuess() {
        assertThat(LineLengthSample.expectedLines(dir.resolve("missing.log"), 12_000, 120)).isEqualTo(100);
    }
}
