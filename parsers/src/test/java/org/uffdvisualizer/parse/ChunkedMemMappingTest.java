package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The mem_mapping parser reads chunks of about a MiB in parallel: sections, mappings and bad
 * lines that straddle chunk boundaries must come out as a line-by-line reading gives them.
 */
class ChunkedMemMappingTest {
    @TempDir
    Path dir;

    @Test
    void sectionsAndBadLinesAcrossChunksKeepTheirMeaningAndLineNumbers() throws Exception {
        StringBuilder text = new StringBuilder();
        List<Long> badLines = new ArrayList<>();
        long line = 0;
        int processEntries = 0;
        int kernelEntries = 0;
        // Three processes and a kernel section, each a few MiB, so every kind of line lands on
        // chunk boundaries somewhere; a bad line every 9,973 lines.
        for (int s = 0; s < 4; s++) {
            boolean kernel = s == 3;
            text.append(kernel ? "= 0 kernel\n" : "= " + (100 + s) + " /bin/p" + s + "\n");
            line++;
            text.append(kernel ? "v 0x1000000 0x2000000 Kernel code\n" : "v 0x400000 0x100000000 [heap]\n");
            line++;
            for (int i = 0; i < 60_000; i++) {
                line++;
                if (line % 9_973 == 0) {
                    text.append(kernel ? "p 0x0000000001000000 0x0000000100000000 1 0\n"   // flags in the kernel
                            : "p 0x0000000000400000 0x0000000001000000 2 0\n");                // bad EXCL
                    badLines.add(line);
                    continue;
                }
                long phys = (long) (s * 60_000 + i + 1) << 12;
                if (kernel) {
                    text.append(String.format("p %#018x %#018x%n", phys, 1L << 32));
                    kernelEntries++;
                } else {
                    text.append(String.format("p %#018x %#018x %d %d%n", 0x400000L + ((long) i << 12), phys,
                            i & 1, (i >> 1) & 1));
                    processEntries++;
                }
            }
        }
        Path f = TestFiles.write(dir, "mem_mapping.txt", text.toString());
        assertThat(java.nio.file.Files.size(f)).isGreaterThan(4L * ChunkPipeline.CHUNK);
        for (Path input : List.of(f, TestFiles.writeGzip(dir, "mem_mapping.txt.gz", text.toString()))) {
            Diagnostics d = new Diagnostics(false);
            MemMappingParser.Result r = MemMappingParser.parse(input, d, ProgressListener.NONE);
            PageMappings m = r.mappings();
            assertThat(r.stats().lines()).isEqualTo(line);
            assertThat(d.list()).extracting(Diagnostic::line).containsExactlyElementsOf(badLines);
            assertThat(m.entryCount()).isEqualTo(processEntries + kernelEntries);
            assertThat(m.sectionCount()).isEqualTo(4);
            assertThat(m.sectionEntryCount(3)).isEqualTo(kernelEntries);
            for (int s = 0; s < 3; s++) {
                int first = m.sectionFirstEntry(s);
                assertThat(m.entryWord(first)).isEqualTo(0x400000L);
                assertThat(m.entryPfn(first)).isEqualTo(s * 60_000 + 1);
                assertThat(m.entryFlags(first + 3)).isEqualTo(PageMappings.FLAG_HAS_PAGEMAP_FLAGS
                        | PageMappings.FLAG_EXCLUSIVE | PageMappings.FLAG_FILE);
            }
            int k = m.sectionFirstEntry(3);
            assertThat(m.entryWord(k)).isEqualTo(1L << 32);
            assertThat(m.entryPfn(k)).isEqualTo(3 * 60_000 + 1);
            assertThat(m.entryFlags(k)).isZero();
            assertThat(m.pageCount()).isEqualTo(processEntries + kernelEntries);
        }
    }

    @Test
    void linesLongerThanAChunkStayWhole() throws Exception {
        StringBuilder text = new StringBuilder("= 5 /x\nv 0x400000 0x500000 /").append("n".repeat(700_000)).append('\n');
        for (int i = 0; i < 20_000; i++) {
            text.append(String.format("p %#018x %#018x 1 0%n", 0x400000L + ((long) i << 12), (long) (i + 1) << 12));
        }
        text.append("v 0x600000 0x700000 /").append("m".repeat(300_000)).append('\n');
        text.append("p 0x0000000000600000 0x0000000010000000 1 0\n");
        for (Path input : List.of(TestFiles.write(dir, "long.txt", text.toString()),
                TestFiles.writeGzip(dir, "long.txt.gz", text.toString()))) {
            Diagnostics d = new Diagnostics(true);
            PageMappings m = MemMappingParser.parse(input, d, ProgressListener.NONE).mappings();
            assertThat(m.mappingCount()).isEqualTo(2);
            assertThat(m.mappingName(0)).hasSize(700_001);
            assertThat(m.mappingName(1)).hasSize(300_001);
            assertThat(m.entryCount()).isEqualTo(20_001);
            assertThat(m.mappingEntryCount(1)).isEqualTo(1);
        }
    }

    @Test
    void strictStopsAtTheFirstBadLineEvenInALaterChunk() throws Exception {
        StringBuilder text = new StringBuilder("= 1 /x\nv 0x0 0x100000000 \n");
        for (int i = 0; i < 100_000; i++) {
            text.append(i == 77_777 ? "p nonsense\n" : String.format("p %#018x %#018x 1 0%n", (long) i << 12,
                    (long) i << 12));
        }
        Path f = TestFiles.write(dir, "m.txt", text.toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MemMappingParser.parse(f, new Diagnostics(true),
                ProgressListener.NONE)).isInstanceOf(BadLineException.class).hasMessageContaining(":77780");
    }

    @Test
    void hexDigitsAreValidatedEightAtATime() {
        byte[] ok = "0123abcdEF456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(FastHex.notHex(FastHex.word(ok, 0))).isZero();
        assertThat(FastHex.notHex(FastHex.word(ok, 8))).isZero();
        assertThat(FastHex.value8(FastHex.word(ok, 0))).isEqualTo(0x0123abcdL);
        assertThat(FastHex.value8(FastHex.word(ok, 8))).isEqualTo(0xEF456789L);
        for (int bad : new int[] {0x10, 0x19, '/', ':', '@', 'G', '`', 'g', ' ', 0x80, 0xff}) {
            for (int at = 0; at < 8; at++) {
                byte[] b = ok.clone();
                b[at] = (byte) bad;
                assertThat(FastHex.notHex(FastHex.word(b, 0))).as("byte %x at %d", bad, at).isNotZero();
            }
        }
    }
}
