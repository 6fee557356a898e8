package org.uffdvisualizer.compare;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.format.MemMappingWriter;
import org.uffdvisualizer.format.NmtWriter;
import org.uffdvisualizer.format.UffdLogWriter;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * A capture small enough to know every answer, written as files in the project's formats: one
 * JVM whose Java Heap reserved region and a few named mappings hold the pages the test lists, an
 * NMT report, and uffd logs (identity layout, so a memory-file offset is the physical address);
 * several logs of one dump are several restores of one snapshot.
 */
final class SmallCapture {
    static final long PAGE = 4096;

    private final Path dir;
    private final StringBuilder dump = new StringBuilder();
    private final StringBuilder nmt = new StringBuilder();
    private final List<long[]> faults = new ArrayList<>();
    private final MemMappingWriter mappings;
    private final NmtWriter nmtWriter;
    private boolean written;
    private long memoryFileSize = -1;

    SmallCapture(Path dir, int pid, String exe) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        mappings = new MemMappingWriter(appender(dump));
        mappings.section(pid, exe);
        nmtWriter = new NmtWriter(appender(nmt), NmtWriter.Style.JDK17).header(pid);
    }

    /** A mapping with {@code pages} resident pages from its start, on frames {@code firstFrame, +1, ...}. */
    SmallCapture mapping(long start, long end, String name, int pages, long firstFrame) throws IOException {
        mappings.mapping(start, end, name);
        for (int i = 0; i < pages; i++) {
            mappings.processPage(start + i * PAGE, (firstFrame + i) * PAGE, true, !name.isEmpty());
        }
        return this;
    }

    /** An NMT reserved region, committed throughout. */
    SmallCapture nmtRegion(long start, long end, String category) throws IOException {
        nmtWriter.reserved(start, end, false, category).committed(start, end, true);
        return this;
    }

    /** The size of the memory file the next log's header states (none by default). */
    SmallCapture memoryFile(long bytes) {
        memoryFileSize = bytes;
        return this;
    }

    /** A fault that serves physical frame {@code frame}. */
    SmallCapture fault(long frame, boolean zeroed) {
        faults.add(new long[] {frame, zeroed ? 1 : 0});
        return this;
    }

    /** Writes the files and loads them. */
    LoadedCapture load() throws Exception {
        return load("uffd.log");
    }

    /** Writes the files (the uffd log under {@code logName}; none if null) and loads them. */
    LoadedCapture load(String logName) throws Exception {
        if (!written) {
            nmtWriter.end();
            Files.writeString(dir.resolve("mem_mapping.txt"), dump, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("nmt.txt"), nmt, StandardCharsets.UTF_8);
            written = true;
        }
        if (logName != null) {
            writeLog(dir.resolve(logName));
        }
        CaptureFiles files = new CaptureFiles(dir.resolve("mem_mapping.txt"), logName == null ? null : dir.resolve(logName),
                List.of(dir.resolve("nmt.txt")));
        return CaptureLoader.load(files, new CaptureLoader.Options(true, MemoryLayout.IDENTITY, -1),
                ProgressListener.NONE);
    }

    private void writeLog(Path file) throws IOException {
        StringBuilder log = new StringBuilder();
        UffdLogWriter w = new UffdLogWriter(appender(log));
        if (memoryFileSize > 0) {
            w.header("Mapping memory file /snap/mem size = " + memoryFileSize);
        }
        long host = 0x7f00_0000_0000L;
        for (long[] f : faults) {
            long offset = f[0] * PAGE;
            w.fault(false, -1, host + offset, host + offset, f[1] != 0, offset, offset + PAGE);
        }
        Files.writeString(file, log, StandardCharsets.UTF_8);
        faults.clear();
    }

    Path dir() {
        return dir;
    }

    private static Writer appender(StringBuilder sb) {
        return new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) {
                sb.append(cbuf, off, len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
