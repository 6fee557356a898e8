package org.uffdvisualizer.parse;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipException;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The reading loop every capture parser shares: opens the file (gzip or not), hands each line to
 * {@link #line(ByteCursor)}, reports progress and honours cancellation every few thousand lines,
 * and turns I/O trouble into messages that name the file.
 */
abstract class LineParser {
    private static final int CHECK_EVERY = 1 << 13;
    /** The diagnostic for a line longer than {@link LineReader#MAX_LINE}, in every parser. */
    static final String OVERLONG = "a line longer than 1 MiB: no capture line is anywhere near that long";
    /** The diagnostic for a carriage return inside a line, in every parser. */
    static final String STRAY_CR = "a carriage return (CR) inside the line: only LF and CRLF line ends are read";

    protected final Path file;
    protected final Diagnostics diagnostics;
    private final ProgressListener progress;
    private final ByteCursor cursor = new ByteCursor();
    private LineReader reader;
    private long textBytes;
    private long nanos;

    LineParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        this.file = file;
        this.diagnostics = diagnostics;
        this.progress = progress;
    }

    /**
     * Reads the whole file.
     *
     * @param what what the file should hold, for messages
     */
    final void run(String what) throws CaptureException {
        long t0 = System.nanoTime();
        String task = String.valueOf(file.getFileName());
        try (CaptureInput in = CaptureInput.open(file, what)) {
            reader = new LineReader(in.stream());
            long n = 0;
            try {
                while (reader.next()) {
                    textBytes += reader.end() - reader.start() + 1;
                    cursor.reset(reader.buffer(), reader.start(), reader.end());
                    if (reader.hasStrayCr()) {
                        strayCr(file, reader.lineNumber(), what);
                        bad(STRAY_CR);
                    } else if (reader.isOverlong()) {
                        bad(OVERLONG);
                    } else if (!line(cursor)) {
                        break;
                    }
                    if ((++n & (CHECK_EVERY - 1)) == 0) {
                        progress.progress(task, in.bytesRead(), in.size());
                        progress.checkCancelled();
                    }
                }
            } catch (EOFException e) {
                diagnostics.report(file, reader.lineNumber() + 1, "",
                        "the compressed file ends early (truncated gzip); lines after this are missing");
            } catch (ZipException e) {
                diagnostics.report(file, reader.lineNumber() + 1, "",
                        "corrupt gzip data (" + CaptureInput.reason(e) + "); lines after this are missing");
            }
            progress.progress(task, in.size(), in.size());
        } catch (IOException e) {
            throw new CaptureException(file + ": read error: " + CaptureInput.reason(e), e);
        }
        nanos = System.nanoTime() - t0;
        finish();
    }

    /**
     * A carriage return inside the first line means the whole file uses CR-only line ends (old Mac
     * style), which no capture tool writes: refuse it as a whole rather than as one giant bad line.
     */
    static void strayCr(java.nio.file.Path file, long line, String what) throws CaptureException {
        if (line == 1) {
            throw new CaptureException(file + ": line 1 has a carriage return (CR) inside it: the file seems to use CR"
                    + " line ends, which are not read (only LF and CRLF); convert it with tr '\\r' '\\n' (expected "
                    + what + ")");
        }
    }

    /**
     * Handles one line; the cursor covers it without its line end.
     *
     * @return false to stop reading (the rest of the file is not needed)
     */
    protected abstract boolean line(ByteCursor c) throws CaptureException;

    /** Called after the last line: check that the file was what it should be. */
    protected abstract void finish() throws CaptureException;

    /** Records that the current line cannot be used and why; throws in strict mode. */
    protected final void bad(String problem) throws BadLineException {
        diagnostics.report(file, reader.lineNumber(), reader.text(), problem);
    }

    protected final long lineNumber() {
        return reader.lineNumber();
    }

    /** Lines read. */
    final long lines() {
        return reader == null ? 0 : reader.lineNumber();
    }

    /** Text bytes read (after decompression). */
    final long textBytes() {
        return textBytes;
    }

    final long nanos() {
        return nanos;
    }

    FileStats stats() {
        return new FileStats(file, lines(), textBytes, nanos);
    }
}
