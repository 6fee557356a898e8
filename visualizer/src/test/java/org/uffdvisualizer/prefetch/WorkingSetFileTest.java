package org.uffdvisualizer.prefetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.parse.Diagnostics;
import org.uffdvisualizer.parse.UffdLogParser;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;

/** The working-set file, format 2, read back as the handler reads it. */
class WorkingSetFileTest {
    private static final long PAGE = Runs.PAGE;

    @TempDir
    Path dir;

    /** One extent of a format 2 file. */
    record Entry(long offset, long length, boolean zero) {
    }

    /** Reads format 2 as split.md defines it: comments, blank lines, OFFSET [LENGTH] [zero]; .gz accepted. */
    static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                long length = f.length > 1 && !f[1].equals("zero") ? Long.decode(f[1]) : PAGE;
                entries.add(new Entry(Long.decode(f[0]), length, f[f.length - 1].equals("zero")));
            }
        }
        return entries;
    }

    /** Loads 5, zero-fills 7, loads 8 and 9, a REMOVE gives back 5-6, then 6 is zero-filled; 20 loaded. */
    private static RestoreRun recording() {
        FaultTrace.Builder t = FaultTrace.builder().memoryFileSize(64 * PAGE).region(Runs.HOST, 64 * PAGE, 0);
        t.fault(0, Runs.HOST + 5 * PAGE, 5 * PAGE, 1, -1, -1, -1, 1);
        t.fault(FaultTrace.ZEROED, Runs.HOST + 7 * PAGE, 7 * PAGE, 1, -1, -1, -1, 2);
        t.fault(0, Runs.HOST + 8 * PAGE, 8 * PAGE, 1, -1, -1, -1, 3);
        t.fault(0, Runs.HOST + 9 * PAGE, 9 * PAGE, 1, -1, -1, -1, 4);
        t.remove(Runs.HOST + 5 * PAGE, Runs.HOST + 7 * PAGE, 5);
        t.fault(FaultTrace.ZEROED, Runs.HOST + 6 * PAGE, 6 * PAGE, 1, -1, -1, -1, 6);
        t.fault(0, Runs.HOST + 20 * PAGE, 20 * PAGE, 1, -1, -1, -1, 7);
        return RestoreRun.of("uffd.log", t.build(MemoryLayout.X86_64));
    }

    private static WorkingSetFile.Provenance from(String strategy) {
        return new WorkingSetFile.Provenance("cap", "uffd.log", strategy, null);
    }

    @Test
    void firstTouchOrderZeroMarksAndNoRemovedPages() throws IOException {
        RestoreRun run = recording();
        Path out = dir.resolve("ws.txt");
        WorkingSetFile.write(out, Simulator.plan(Strategy.RECORDED, List.of(run), null), from("recorded"),
                run.removedRanges());

        assertThat(read(out)).containsExactly(
                new Entry(7 * PAGE, PAGE, true),
                new Entry(8 * PAGE, 2 * PAGE, false),       // 8 and 9: adjacent in order and in the file
                new Entry(20 * PAGE, PAGE, false));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo(WorkingSetFile.HEADER);
        assertThat(lines).contains("# capture: cap", "# trace: uffd.log", "# strategy: recorded", "# selection: all pages");
        assertThat(String.join("\n", lines)).contains("pages of 1 UFFD_EVENT_REMOVE ranges left out");
    }

    @Test
    void aGroupedSetKeepsItsGapsAsDataAndIsWrittenCompressed() throws IOException {
        RestoreRun run = recording();
        Path out = dir.resolve("ws.txt.gz");
        WorkingSetFile.write(out, Simulator.plan(Strategy.extents(2), List.of(run), null), from("extents-2"),
                run.removedRanges());
        // group 7..9 (7 zero, then 8-9 data); 20 is 10 pages further: a group of its own
        assertThat(read(out)).containsExactly(
                new Entry(7 * PAGE, PAGE, true),
                new Entry(8 * PAGE, 2 * PAGE, false),
                new Entry(20 * PAGE, PAGE, false));
    }

    @Test
    void pagesOfTheLabTraceAreItsRamOffsets() throws Exception {
        Path trace = Path.of(System.getProperty("sampleData", "../sample-data"), "lab-jvm17-default", "uffd.log.gz");
        FaultTrace t = UffdLogParser.parse(trace, MemoryLayout.X86_64, new Diagnostics(true), ProgressListener.NONE).trace();
        RestoreRun run = RestoreRun.of("uffd.log.gz", t);
        Path out = dir.resolve("lab.txt");
        WorkingSetFile.write(out, Simulator.plan(Strategy.RECORDED, List.of(run), null), from("recorded"), 0);
        List<Entry> entries = read(out);
        long pages = entries.stream().mapToLong(e -> e.length() / PAGE).sum();
        assertThat(pages).isEqualTo(run.touchedPages()).isEqualTo(10_699);
        // the first entries are the first touches, at their '# ram' offsets
        assertThat(entries.get(0).offset()).isEqualTo(t.fileOffset(0));
        assertThat(entries.get(1).offset()).isEqualTo(t.fileOffset(1));
        assertThat(entries).allMatch(e -> e.offset() % PAGE == 0 && e.length() % PAGE == 0 && !e.zero());
    }

    @Test
    void theFileIsReplacedWholeAndNoTemporaryIsLeft() throws IOException {
        Path out = dir.resolve("ws.txt");
        Files.writeString(out, "old\n");
        RestoreRun run = Runs.of("r", 1, 2, 3);
        WorkingSetFile.write(out, Simulator.plan(Strategy.RECORDED, List.of(run), null), from("recorded"), 0);
        assertThat(read(out)).containsExactly(new Entry(PAGE, 3 * PAGE, false));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ws.txt");
        }
    }

    @Test
    void anUnwritableTargetIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path target = Files.createDirectory(dir.resolve("adir"));
        RestoreRun run = Runs.of("r", 1);
        assertThatThrownBy(() -> WorkingSetFile.write(target, Simulator.plan(Strategy.RECORDED, List.of(run), null),
                from("recorded"), 0)).isInstanceOf(ExportTarget.ExportException.class).hasMessageContaining("is a directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("adir");
        }
    }
}
