package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * A dump cut short while it is being read (the capture tool still rewriting it, a full disk)
 * must end the load with a message naming the file, not leave a worker waiting for bytes that
 * will never come.
 */
class ShrinkingFileTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFileCutShortWhileReadIsAnErrorNamingIt() throws Exception {
        StringBuilder text = new StringBuilder("= 0 kernel\nv 0x1000000 0x2000000 Kernel code\n");
        for (int i = 1; i <= 250_000; i++) {
            text.append(String.format("p %#018x %#018x%n", (long) i << 12, 1L << 32));
        }
        Path f = TestFiles.write(dir, "mem_mapping.txt", text.toString());
        // Far more chunks than the pipeline reads ahead, so most are read after the cut.
        assertThat(Files.size(f)).isGreaterThan(30L * ChunkPipeline.CHUNK);
        ProgressListener cutAtFirstChunk = new ProgressListener() {
            private boolean cut;

            @Override
            public void progress(String task, long done, long total) {
                if (!cut && done > 0) {
                    cut = true;
                    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                        raf.setLength(4L * ChunkPipeline.CHUNK + 5);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        assertThatThrownBy(() -> MemMappingParser.parse(f, new Diagnostics(false), cutAtFirstChunk))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("got shorter while it was read");
    }
}
