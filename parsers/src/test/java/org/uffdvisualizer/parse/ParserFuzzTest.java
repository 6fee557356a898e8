package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.GuestLimits;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Jazzer fuzz targets, one per parser, seeded with excerpts of the real captures in
 * {@code ParserFuzzTestInputs/<target>/}. Every input, gzip or not, must keep the parsers'
 * promises:
 * <ul>
 *   <li>no exception but {@link CaptureException} (a file that cannot be used, with its message);</li>
 *   <li>every diagnostic names a line the file has (or 0, the whole file);</li>
 *   <li>the plain file and its gzip copy give the same model, diagnostics and messages (unless the
 *       text starts with gzip's magic number: the reader tells gzip by content, so the plain copy is
 *       then read as a gzip file, maybe a broken one, and the gzip copy as its text);</li>
 *   <li>lenient mode is complete only if strict mode accepts the file and gives the same model,
 *       and, when complete, every record line was used;</li>
 *   <li>no address leaves the largest supported guest.</li>
 * </ul>
 * {@code mvn verify} replays the seeds (and any findings saved beside them); with
 * {@code JAZZER_FUZZ=1} a target fuzzes for its {@code maxDuration} (override:
 * {@code -Djazzer.max_duration=10m}); see docs/formats.md "Fuzzing".
 */
class ParserFuzzTest {
    private static Path dir;

    @BeforeAll
    static void createDirectory() throws IOException {
        dir = Files.createTempDirectory("uffdvisualizer-fuzz");
        Files.createDirectory(dir.resolve("plain"));
        Files.createDirectory(dir.resolve("gzip"));
    }

    @AfterAll
    static void deleteDirectory() throws IOException {
        for (String sub : new String[] {"plain", "gzip"}) {
            try (var files = Files.list(dir.resolve(sub))) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir.resolve(sub));
        }
        Files.delete(dir);
    }

    @FuzzTest(maxDuration = "30s")
    void memMapping(byte[] text) throws Exception {
        check(text, "mem_mapping.txt", f -> fingerprint(MemMappingParser.parse(f, current, ProgressListener.NONE)
                .mappings(), text));
    }

    @FuzzTest(maxDuration = "30s")
    void uffdLog(byte[] text) throws Exception {
        check(text, "uffd.log", f -> fingerprint(UffdLogParser.parse(f, MemoryLayout.X86_64, current,
                ProgressListener.NONE).trace(), text));
    }

    @FuzzTest(maxDuration = "30s")
    void nmt(byte[] text) throws Exception {
        check(text, "nmt.txt", f -> fingerprint(NmtParser.parse(f, -1, current, ProgressListener.NONE).map()));
    }

    // ---- the promises every parser keeps

    /** Parses a file into a text that differs whenever the models differ. */
    private interface Parse {
        String apply(Path file) throws CaptureException;
    }

    /** What one parse gave: the model's fingerprint or the message, and the diagnostics. */
    private record Outcome(String result, List<String> diagnostics) {
    }

    /** The diagnostics of the parse under way (targets run one input at a time). */
    private static Diagnostics current;

    private static void check(byte[] text, String name, Parse parse) throws Exception {
        Path plain = dir.resolve("plain").resolve(name);
        Path gzip = dir.resolve("gzip").resolve(name);
        Files.write(plain, text);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip))) {
            out.write(text);
        }
        long lines = lineCount(text);
        Outcome lenient = run(plain, parse, false);
        for (String d : lenient.diagnostics) {
            long line = Long.parseLong(d.substring(0, d.indexOf(':')));
            assertThat(line).as(d).isBetween(0L, lines);
        }
        if (!startsLikeGzip(text)) {
            Outcome lenientGzip = run(gzip, parse, false);
            assertThat(lenientGzip.result).isEqualTo(lenient.result);
            assertThat(lenientGzip.diagnostics).isEqualTo(lenient.diagnostics);
        }
        Outcome strict = run(plain, parse, true);
        if (lenient.diagnostics.isEmpty()) {
            assertThat(strict.result).isEqualTo(lenient.result);
        } else {
            assertThat(strict.result).isEqualTo("bad line " + lenient.diagnostics.get(0));
        }
    }

    /** Whether a file of {@code text} is gzip by its first two bytes, as the reader decides. */
    private static boolean startsLikeGzip(byte[] text) {
        return text.length >= 2 && (text[0] & 0xff) == 0x1f && (text[1] & 0xff) == 0x8b;
    }

    private static Outcome run(Path file, Parse parse, boolean strict) {
        current = new Diagnostics(strict);
        String result;
        try {
            result = parse.apply(file);
        } catch (BadLineException e) {
            result = "bad line " + describe(e.diagnostic());
        } catch (CaptureException e) {
            assertThat(e.getMessage()).startsWith(file.toString());
            result = "refused " + e.getMessage().substring(file.toString().length());
        }
        List<String> diagnostics = new ArrayList<>();
        for (Diagnostic d : current.list()) {
            assertThat(d.file()).isEqualTo(file);
            diagnostics.add(describe(d));
        }
        return new Outcome(result, diagnostics);
    }

    /** A diagnostic without its file (the plain and the gzip copy have different paths). */
    private static String describe(Diagnostic d) {
        return d.line() + ": " + d.problem() + ": " + d.text();
    }

    /** Lines in the file as every parser counts them: LF ends a line, a last line may lack it. */
    private static long lineCount(byte[] text) {
        long n = 0;
        for (byte b : text) {
            if (b == '\n') {
                n++;
            }
        }
        return text.length > 0 && text[text.length - 1] != '\n' ? n + 1 : n;
    }

    /** Lines starting with {@code prefix} (after blanks if {@code afterBlanks}). */
    private static long linesStartingWith(byte[] text, String prefix, boolean afterBlanks) {
        long n = 0;
        for (String line : new String(text, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1)) {
            if ((afterBlanks ? line.stripLeading() : line).startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }

    private static String fingerprint(PageMappings m, byte[] text) {
        if (current.isEmpty()) {
            assertThat((long) m.entryCount()).isEqualTo(linesStartingWith(text, "p ", false));
        }
        long h = 1;
        for (int s = 0; s < m.sectionCount(); s++) {
            h = h * 31 + m.sectionPid(s) * 17L + m.sectionExe(s).hashCode();
        }
        for (int k = 0; k < m.mappingCount(); k++) {
            h = h * 31 + m.mappingStart(k) * 7 + m.mappingEnd(k) + m.mappingName(k).hashCode() + m.mappingEntryCount(k);
        }
        for (int e = 0; e < m.entryCount(); e++) {
            assertThat((long) m.entryPfn(e)).isBetween(0L, GuestLimits.MAX_FRAMES - 1);
            h = h * 31 + m.entryWord(e) * 7 + m.entryPfn(e) * 3L + m.entryFlags(e);
        }
        PhysicalLayout layout = CaptureLoader.physicalLayout(m, FaultTrace.empty(), MemoryLayout.X86_64);
        assertThat(layout.end()).isBetween(0L, GuestLimits.MAX_PHYSICAL_END);
        return "sections " + m.sectionCount() + " mappings " + m.mappingCount() + " entries " + m.entryCount()
                + " pages " + m.pageCount() + " end " + layout.end() + " hash " + h;
    }

    private static String fingerprint(FaultTrace t, byte[] text) {
        if (current.isEmpty()) {
            assertThat((long) t.faultCount()).isEqualTo(linesStartingWith(text, "UFFD_EVENT_PAGEFAULT", true));
            assertThat((long) t.removeCount()).isEqualTo(linesStartingWith(text, "UFFD_EVENT_REMOVE:", true));
        }
        assertThat(t.highestPhysicalEnd()).isBetween(0L, GuestLimits.MAX_PHYSICAL_END);
        long h = 1;
        for (int i = 0; i < t.faultCount(); i++) {
            h = h * 31 + t.kind(i) + t.hostPage(i) * 3 + t.fileOffset(i) * 5 + t.pages(i) * 7L + t.physical(i) * 11
                    + t.line(i) * 13L + t.thread(i) * 17L + t.nanos(i) * 19;
        }
        for (int r = 0; r < t.removeCount(); r++) {
            h = h * 31 + t.removeStart(r) + t.removeEnd(r) * 3 + t.removeBefore(r) * 5L;
        }
        for (int r = 0; r < t.regionCount(); r++) {
            h = h * 31 + t.regionHost(r) + t.regionSize(r) * 3 + t.regionOffset(r) * 5 + t.regionPhysical(r) * 7;
        }
        return "faults " + t.faultCount() + " unique " + t.uniquePageCount() + " removes " + t.removeCount()
                + " file " + t.memoryFileSize() + " hash " + h;
    }

    private static String fingerprint(NmtMap m) {
        long h = m.pid();
        for (int r = 0; r < m.reservedCount(); r++) {
            h = h * 31 + m.reservedStart(r) + m.reservedEnd(r) * 3 + m.category(m.reservedCategory(r)).hashCode()
                    + m.committedCountOf(r) * 7L + (m.isReservedAndCommitted(r) ? 11 : 0);
        }
        for (int c = 0; c < m.committedCount(); c++) {
            h = h * 31 + m.committedStart(c) + m.committedEnd(c) * 3;
        }
        return "pid " + m.pid() + " reserved " + m.reservedCount() + " committed " + m.committedCount() + " categories "
                + Arrays.toString(categories(m)) + " hash " + h;
    }

    private static String[] categories(NmtMap m) {
        String[] names = new String[m.categoryCount()];
        for (int c = 0; c < names.length; c++) {
            names[c] = m.category(c);
        }
        return names;
    }
}
