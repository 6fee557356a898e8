package org.uffdvisualizer.parse;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.ZipException;
import org.uffdvisualizer.model.GuestLimits;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PageMappingsBuilder;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads a physical mapping dump ({@code mem_mapping.txt}, FORMATS.md section 1): sections
 * {@code = PID EXE}, mappings {@code v START END [NAME]}, and pages {@code p VIRT PHYS [EXCL FILE]}
 * in process sections or {@code p PHYS KPF} in the kernel and page-cache sections.
 *
 * <p>The file is read in chunks of whole lines by a {@link ChunkPipeline}: a worker per core
 * reads (plain files, positional reads) and parses chunks; gzip is inflated by one reader thread.
 * The chunks are put together in file order, one at a time (by the calling thread or a worker:
 * {@link ChunkPipeline#consumeAll}), which is where sections are known, lines are judged and
 * diagnostics reported, in file order as a line-by-line reader would. The
 * model's arrays are sized from the file size up front, so they are rarely copied.
 */
public final class MemMappingParser {
    static final String WHAT = "a physical mapping dump (mem_mapping.txt: '= PID EXE', 'v START END NAME', 'p VIRT PHYS' lines)";
    /** Bytes of text per p line to expect when sizing the model (the walker writes 40 to 44). */
    private static final int BYTES_PER_LINE = 42;
    /**
     * How much gzip shrinks a dump, for sizing (measured 9 to 10 on the real captures, 8 on
     * generated ones); when more lines come, the size is re-estimated from the bytes read.
     */
    private static final int GZIP_RATIO = 8;

    private final Path file;
    private final Diagnostics diagnostics;
    private final ProgressListener progress;
    private final ConcurrentLinkedQueue<MemMappingChunk> spare = new ConcurrentLinkedQueue<>();
    private PageMappingsBuilder builder;
    private SectionKind kind;
    /** Pages have nowhere to go: after a damaged section header or mapping line, until a good one. */
    private boolean orphaned;
    /** The lines being skipped were reported once already (see {@link #damaged}). */
    private boolean skipping;
    private long linesBefore;
    private long textBytes;
    private long indexStart;

    private MemMappingParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.progress = progress;
    }

    /** Parses {@code file}; bad lines go to {@code diagnostics}. */
    public static Result parse(Path file, Diagnostics diagnostics, ProgressListener progress) throws CaptureException {
        MemMappingParser p = new MemMappingParser(file, diagnostics, progress);
        long t0 = System.nanoTime();
        PageMappings mappings = p.run();
        long t1 = System.nanoTime();
        return new Result(mappings, new FileStats(file, p.linesBefore, p.textBytes, t1 - t0, t1 - p.indexStart));
    }

    /** The dump and what reading it cost (the time includes building the model's index). */
    public record Result(PageMappings mappings, FileStats stats) {
    }

    private PageMappings run() throws CaptureException {
        String task = String.valueOf(file.getFileName());
        CaptureInput in = CaptureInput.open(file, WHAT);
        long expected = in.size() * (in.isGzip() ? GZIP_RATIO : 1) / BYTES_PER_LINE + 1024;
        int workers = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 4));
        try (ChunkPipeline<MemMappingChunk> pipeline = new ChunkPipeline<>(in, new ChunkParser(), workers)) {
            // Sized (and so zeroed, page by page) while the workers read and parse the first chunks.
            builder = PageMappings.builder((int) Math.min(expected, Integer.MAX_VALUE - 16));
            IOException end = pipeline.consumeAll(new ChunkMerger(task, in.size()));
            if (end != null) {
                failed(end);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptureException(file + ": interrupted while reading", e);
        } catch (IOException e) {
            throw new CaptureException(file + ": read error: " + CaptureInput.reason(e), e);
        } catch (CaptureException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        progress.progress(task, in.size(), in.size());
        if (builder.sectionCount() == 0) {
            throw new CaptureException(file + ": no '= PID EXE' section header found: this is not " + WHAT);
        }
        indexStart = System.nanoTime();
        return builder.build();
    }

    /** Parses a chunk on a worker into a spare result object, if one has been merged already. */
    private final class ChunkParser implements ChunkPipeline.Parser<MemMappingChunk> {
        @Override
        public MemMappingChunk parse(ChunkPipeline.Chunk c) {
            MemMappingChunk chunk = spare.poll();
            return (chunk == null ? new MemMappingChunk() : chunk).parse(c.buf, c.offset, c.length);
        }
    }

    /**
     * Puts each parsed chunk into the model, in file order: on the calling thread or on a worker
     * (see {@link ChunkPipeline#consumeAll}), one chunk at a time; the parser's state (builder,
     * section, line count) is only touched here and, after the last chunk, by the calling thread.
     */
    private final class ChunkMerger implements ChunkPipeline.Consumer<MemMappingChunk> {
        private final String task;
        private final long size;

        ChunkMerger(String task, long size) {
            this.task = task;
            this.size = size;
        }

        @Override
        public void accept(ChunkPipeline.Chunk bytes, MemMappingChunk chunk) throws CaptureException {
            merge(chunk, bytes, size);
            linesBefore += chunk.lines;
            textBytes += bytes.length - bytes.offset;
            spare.offer(chunk);
            progress.progress(task, bytes.rawPosition, size);
            progress.checkCancelled();
        }
    }

    private void failed(IOException e) throws CaptureException {
        if (e instanceof EOFException) {
            diagnostics.report(file, linesBefore + 1, "",
                    "the compressed file ends early (truncated gzip); lines after this are missing");
        } else if (e instanceof ZipException) {
            diagnostics.report(file, linesBefore + 1, "",
                    "corrupt gzip data (" + CaptureInput.reason(e) + "); lines after this are missing");
        } else {
            throw new CaptureException(file + ": read error: " + CaptureInput.reason(e), e);
        }
    }

    // ---- putting chunks together, in file order

    private void merge(MemMappingChunk c, ChunkPipeline.Chunk bytes, long fileSize) throws CaptureException {
        if (builder.entryCount() + c.entries > builder.entryCapacity() && bytes.rawPosition > 0) {
            // More lines than the file size promised: re-estimate from what was read so far.
            double perByte = (double) (builder.entryCount() + c.entries) / bytes.rawPosition;
            builder.expectEntries((long) (perByte * Math.max(fileSize, bytes.rawPosition) * 1.05) + c.entries);
        }
        int entry = 0;
        for (int ev = 0; ev < c.events; ev++) {
            int upTo = c.eventEntry[ev];
            pages(c, bytes, entry, upTo);
            entry = upTo;
            event(c, bytes, ev);
        }
        pages(c, bytes, entry, c.entries);
    }

    private void event(MemMappingChunk c, ChunkPipeline.Chunk bytes, int ev) throws CaptureException {
        long line = linesBefore + c.eventLine[ev] + 1;
        int start = c.eventStart[ev];
        switch (c.eventType[ev]) {
            case MemMappingChunk.SECTION -> {
                builder.section((int) c.eventA[ev], c.eventText[ev]);
                kind = builder.currentKind();
                orphaned = false;
                skipping = false;
            }
            case MemMappingChunk.BAD_SECTION -> {
                damaged(bytes, start, line, "expected '= PID EXE' with a decimal PID (0 kernel, -1 pagecache)");
                kind = null;
            }
            case MemMappingChunk.MAPPING -> mapping(c, bytes, ev, line);
            case MemMappingChunk.BAD_MAPPING -> {
                if (kind == null) {
                    outsideSection(bytes, start, line);
                } else {
                    damaged(bytes, start, line, "expected 'v START END [NAME]' with hexadecimal START and END");
                }
            }
            case MemMappingChunk.STRAY_CR_LINE -> {
                LineParser.strayCr(file, line, WHAT);
                bad(bytes, start, line, LineParser.STRAY_CR);
            }
            case MemMappingChunk.OVERLONG_LINE -> bad(bytes, start, line, LineParser.OVERLONG);
            default -> bad(bytes, start, line, "expected a line starting with '= ', 'v ' or 'p '");
        }
    }

    private void mapping(MemMappingChunk c, ChunkPipeline.Chunk bytes, int ev, long line) throws CaptureException {
        int start = c.eventStart[ev];
        long from = c.eventA[ev];
        long to = c.eventB[ev];
        if (kind == null) {
            outsideSection(bytes, start, line);
        } else if (Long.compareUnsigned(to, from) < 0) {
            damaged(bytes, start, line, "END is below START in 'v START END [NAME]'");
        } else if (kind == SectionKind.PAGECACHE && !GuestLimits.isPhysicalRange(from, to - from)) {
            damaged(bytes, start, line, "the page cache's RAM range ends beyond " + GuestLimits.DESCRIPTION
                    + ", the largest guest supported");
        } else {
            builder.mapping(from, to, c.eventText[ev]);
            orphaned = false;
            skipping = false;
        }
    }

    /** A 'v' line after a damaged section header: already reported with the header, unless it is the first line. */
    private void outsideSection(ChunkPipeline.Chunk bytes, int start, long line) throws CaptureException {
        if (!skipping) {
            damaged(bytes, start, line, "a 'v' line outside a section: expected '= PID EXE' before it");
        }
    }

    /**
     * Reports a line that leaves the lines after it without a section or mapping to belong to,
     * and skips those lines (up to the next good '= ' or 'v ' line) without a diagnostic each: a
     * damaged section costs one diagnostic, and its pages are never added to the mapping before.
     */
    private void damaged(ChunkPipeline.Chunk bytes, int start, long line, String problem) throws CaptureException {
        bad(bytes, start, line, problem + "; the lines after it up to the next good '= ' or 'v ' line are skipped");
        skipping = true;
        orphaned = true;
    }

    /** Adds entries {@code from .. to} of a chunk to the current mapping, reporting those that cannot be used. */
    private void pages(MemMappingChunk c, ChunkPipeline.Chunk bytes, int from, int to) throws CaptureException {
        if (from == to) {
            return;
        }
        if (orphaned || kind == null || !builder.hasOpenMapping()) {
            if (!skipping) {
                badEntry(c, bytes, from, "a 'p' line before any 'v' line of its section; the 'p' lines after it up to"
                        + " the next good '= ' or 'v ' line are skipped");
                skipping = true;
            }
            return;
        }
        boolean process = kind == SectionKind.PROCESS;
        int rejected = process
                ? MemMappingChunk.BAD_IN_PROCESS | MemMappingChunk.BAD_NUMBERS | MemMappingChunk.BEYOND_IN_PROCESS
                : MemMappingChunk.BAD_IN_KERNEL | MemMappingChunk.BAD_NUMBERS | MemMappingChunk.BEYOND_IN_KERNEL;
        if ((c.shapes & rejected) == 0) {
            add(c, from, to, process);     // the usual case: every line fine, copied as a block
            return;
        }
        int run = from;
        for (int i = from; i < to; i++) {
            int shape = c.shape[i] & rejected;
            if (shape == 0) {
                continue;
            }
            add(c, run, i, process);
            run = i + 1;
            if ((shape & MemMappingChunk.BAD_NUMBERS) != 0) {
                badEntry(c, bytes, i, process ? "expected 'p VIRT PHYS [EXCL FILE]' with hexadecimal addresses"
                        : "expected 'p PHYS KPAGEFLAGS' in hexadecimal");
            } else if ((shape & (MemMappingChunk.BAD_IN_PROCESS | MemMappingChunk.BAD_IN_KERNEL)) != 0) {
                badEntry(c, bytes, i, process ? "expected the pagemap flags EXCL and FILE as 0 or 1 after 'p VIRT PHYS'"
                        : "expected 'p PHYS KPAGEFLAGS' and nothing after it");
            } else {
                badEntry(c, bytes, i, "physical address beyond " + GuestLimits.DESCRIPTION
                        + ", the largest guest supported: not a guest-physical page address");
            }
        }
        add(c, run, to, process);
    }

    private void add(MemMappingChunk c, int from, int to, boolean process) {
        if (process) {
            builder.pages(c.first, c.pfnInProcess, c.flags, from, to);
        } else {
            builder.pages(c.second, c.pfnInKernel, null, from, to);
        }
    }

    private void badEntry(MemMappingChunk c, ChunkPipeline.Chunk bytes, int entry, String problem)
            throws CaptureException {
        int[] at = MemMappingChunk.locateEntry(bytes.buf, bytes.offset, bytes.length, entry);
        bad(bytes, at[1], linesBefore + at[0] + 1, problem);
    }

    private void bad(ChunkPipeline.Chunk bytes, int start, long line, String problem) throws BadLineException {
        int end = start;
        while (end < bytes.length && bytes.buf[end] != '\n') {
            end++;
        }
        if (end > start && bytes.buf[end - 1] == '\r') {
            end--;
        }
        int len = Math.min(end - start, 200);
        String text = new String(bytes.buf, start, len, StandardCharsets.UTF_8);
        diagnostics.report(file, line, len < end - start ? text + "..." : text, problem);
    }
}
