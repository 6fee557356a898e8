package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.progress.ProgressListener;

class MemMappingParserTest {
    @TempDir
    Path dir;

    /** The trimmed real example of FORMATS.md section 1, with the variants real captures show. */
    private static final String EXAMPLE = """
            = 214 /opt/jdk/bin/java
            v 0x00000000f0a00000 0x00000000f2270000\s
            p 0x00000000f0a00000 0x00000000063d4000 1 0
            p 0x00000000f0a01000 0x00000000063d5000 0 1
            v 0x00007ffff7fc1000 0x00007ffff7fc5000 [vvar]
            v 0x00007ffff7fc5000 0x00007ffff7fc7000 /memfd:x (deleted)
            p 0x00007ffff7fc5000 0x00000000063d4000 0 1
            = 7 /usr/bin/bash
            v 0x0000555555554000 0x0000555555583000 /usr/bin/bash
            p 0x0000555555554000 0x00000000063d4000
            = 0 kernel
            v 0x0000000001000000 0x0000000001a00587 Kernel code
            p 0x0000000001000000 0x0000000100000000
            = -1 pagecache
            v 000000000000000000 0x000000003d47d000 /proc/kpageflags
            p 0x0000000001a01000 0x0000000400000868
            p 0x00000000063d4000 0x0000000400000868
            """;

    private PageMappings parse(Path f, Diagnostics d) throws CaptureException {
        return MemMappingParser.parse(f, d, ProgressListener.NONE).mappings();
    }

    @Test
    void readsEveryLineKindOfTheFormat() throws Exception {
        Diagnostics d = new Diagnostics(true);
        PageMappings m = parse(TestFiles.write(dir, "mem_mapping.txt", EXAMPLE), d);

        assertThat(m.sectionCount()).isEqualTo(4);
        assertThat(m.sectionPid(0)).isEqualTo(214);
        assertThat(m.sectionExe(0)).isEqualTo("/opt/jdk/bin/java");
        assertThat(m.sectionKind(2)).isEqualTo(SectionKind.KERNEL);
        assertThat(m.sectionKind(3)).isEqualTo(SectionKind.PAGECACHE);
        assertThat(m.sectionMappingCount(0)).isEqualTo(3);
        assertThat(m.mappingName(0)).isEmpty();                 // trailing space, no name
        assertThat(m.mappingName(1)).isEqualTo("[vvar]");
        assertThat(m.mappingName(2)).isEqualTo("/memfd:x (deleted)");
        assertThat(m.mappingStart(0)).isEqualTo(0xf0a00000L);
        assertThat(m.mappingEnd(0)).isEqualTo(0xf2270000L);
        assertThat(m.mappingEntryCount(1)).isZero();
        assertThat(m.entryCount()).isEqualTo(7);
        assertThat(m.entryWord(0)).isEqualTo(0xf0a00000L);
        assertThat(m.entryPfn(0)).isEqualTo(0x63d4);
        assertThat(m.entryFlags(0)).isEqualTo(PageMappings.FLAG_HAS_PAGEMAP_FLAGS | PageMappings.FLAG_EXCLUSIVE);
        assertThat(m.entryFlags(1)).isEqualTo(PageMappings.FLAG_HAS_PAGEMAP_FLAGS | PageMappings.FLAG_FILE);
        assertThat(m.entryFlags(3)).isZero();                   // the original walker's lines without flags
        // zero printed without 0x, and the page-cache line that spans all RAM
        assertThat(m.mappingStart(m.sectionFirstMapping(3))).isZero();
        assertThat(m.ramEndHint()).isEqualTo(0x3d47d000L);
        // kernel and page-cache entries carry kpageflags
        assertThat(m.entryWord(4)).isEqualTo(0x0000000100000000L);
        assertThat(m.entryPfn(4)).isEqualTo(0x1000);
        assertThat(d.isEmpty()).isTrue();
    }

    @Test
    void indexesOwnersSharingAndPss() throws Exception {
        PageMappings m = parse(TestFiles.write(dir, "m.txt", EXAMPLE), new Diagnostics(true));
        // 0x63d4 is mapped twice by java, once by bash and is in the page cache: 3 distinct owners
        int page = m.pageIndex(0x63d4);
        assertThat(page).isNotNegative();
        assertThat(m.pageOwnerCount(page)).isEqualTo(3);
        assertThat(m.pageOwnerEnd(page) - m.pageFirstOwner(page)).isEqualTo(4);
        assertThat(m.pageCount()).isEqualTo(4);                 // 63d4, 63d5, 1000, 1a01
        assertThat(m.pageOwnerCount(m.pageIndex(0x63d5))).isEqualTo(1);
        // PSS: java's two lines on 63d4 count half each (two processes own it), 63d5 counts whole
        assertThat(m.mappingPss(0)).isEqualTo(1.5);
        assertThat(m.mappingPss(2)).isEqualTo(0.5);
        assertThat(m.mappingPss(3)).isEqualTo(0.5);
        assertThat(m.mappingPss(m.sectionFirstMapping(2))).isZero();   // the kernel has no PSS
        assertThat(m.sectionOfEntry(3)).isEqualTo(1);
        assertThat(m.mappingOfEntry(2)).isEqualTo(2);
    }

    @Test
    void readsGzipTransparently() throws Exception {
        PageMappings plain = parse(TestFiles.write(dir, "a.txt", EXAMPLE), new Diagnostics(true));
        PageMappings gz = parse(TestFiles.writeGzip(dir, "b.txt.gz", EXAMPLE), new Diagnostics(true));
        assertThat(gz.entryCount()).isEqualTo(plain.entryCount());
        assertThat(gz.pageCount()).isEqualTo(plain.pageCount());
    }

    @Test
    void leniencyRecordsEveryBadLineWithFileLineAndExpectation() throws Exception {
        String text = """
                p 0x1000 0x2000
                = 12 /bin/x
                v 0x1000 0x3000 name
                p 0x1000 zzz
                p 0x2000 0x5000 1 7
                garbage here
                p 0x2000 0x6000 1 1
                """;
        Path f = TestFiles.write(dir, "bad.txt", text);
        Diagnostics d = new Diagnostics(false);
        PageMappings m = parse(f, d);
        assertThat(m.entryCount()).isEqualTo(1);
        assertThat(d.count()).isEqualTo(4);
        assertThat(d.list()).extracting(Diagnostic::line).containsExactly(1L, 4L, 5L, 6L);
        assertThat(d.list().get(0).file()).isEqualTo(f);
        assertThat(d.list().get(1).text()).isEqualTo("p 0x1000 zzz");
        assertThat(d.list().get(1).problem()).contains("hexadecimal");
        assertThat(d.list().get(2).problem()).contains("EXCL and FILE as 0 or 1");
        assertThat(d.list().get(0).toString()).startsWith(f + ":1: ");
    }

    @Test
    void strictStopsAtTheFirstBadLine() throws Exception {
        Path f = TestFiles.write(dir, "bad.txt", "= 1 x\nv 0x0 0x1000 \nnot a line\n");
        assertThatThrownBy(() -> parse(f, new Diagnostics(true)))
                .isInstanceOf(BadLineException.class)
                .hasMessageContaining(f + ":3:")
                .hasMessageContaining("not a line");
    }

    @Test
    void unusableFilesGiveClearMessages() throws Exception {
        assertThatThrownBy(() -> parse(dir.resolve("missing.txt"), new Diagnostics(false)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("missing.txt: no such file");
        Path empty = TestFiles.write(dir, "empty.txt", "");
        assertThatThrownBy(() -> parse(empty, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("the file is empty");
        Path wrong = TestFiles.write(dir, "uffd.log",
                "UFFD_EVENT_PAGEFAULT (r): 0x00007fffb3cc0000 0x00007fffb3cc0000  Loading: 0x1000 - 0x2000\n");
        assertThatThrownBy(() -> parse(wrong, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("no '= PID EXE' section header");
        assertThatThrownBy(() -> parse(dir, new Diagnostics(false)))
                .isInstanceOf(CaptureException.class).hasMessageContaining("is a directory");
    }

    @Test
    void truncatedGzipIsReportedAndTheRestKept() throws Exception {
        StringBuilder big = new StringBuilder("= 5 /x\nv 0x0 0x100000000 \n");
        for (int i = 0; i < 50_000; i++) {
            big.append("p ").append(String.format("%#018x %#018x 1 0%n", (long) i << 12, (long) (i + 7) << 12));
        }
        Path gz = TestFiles.writeGzip(dir, "m.txt.gz", big.toString());
        byte[] bytes = java.nio.file.Files.readAllBytes(gz);
        Path cut = dir.resolve("cut.txt.gz");
        java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Diagnostics d = new Diagnostics(false);
        PageMappings m = parse(cut, d);
        assertThat(m.entryCount()).isBetween(1, 49_999);
        assertThat(d.list()).anySatisfy(x -> assertThat(x.problem()).contains("ends early"));
    }

    @Test
    void reportsProgressAndHonoursCancellation() throws Exception {
        StringBuilder big = new StringBuilder("= 5 /x\nv 0x0 0x100000000 \n");
        for (int i = 0; i < 100_000; i++) {
            big.append(String.format("p %#018x %#018x 1 0%n", (long) i << 12, (long) i << 12));
        }
        Path f = TestFiles.write(dir, "m.txt", big.toString());
        long[] last = new long[2];
        MemMappingParser.parse(f, new Diagnostics(true), (task, done, total) -> {
            last[0] = done;
            last[1] = total;
        });
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(java.nio.file.Files.size(f));

        org.uffdvisualizer.progress.CancellationFlag flag =
                new org.uffdvisualizer.progress.CancellationFlag(ProgressListener.NONE);
        flag.cancel();
        assertThatThrownBy(() -> MemMappingParser.parse(f, new Diagnostics(true), flag))
                .isInstanceOf(org.uffdvisualizer.progress.CancelledException.class);
    }
}
