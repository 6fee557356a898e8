package org.uffdvisualizer.parse;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens one capture file for reading, decompressing it on the fly when it is gzip (recognised by
 * its magic number, whatever the name), and counts the bytes read from disk so that progress can
 * be reported against the file size. Never writes the file.
 */
final class CaptureInput implements Closeable {
    private static final int GZIP_MAGIC = 0x1f8b;

    private final Path file;
    private final long size;
    private final CountingStream raw;
    private final InputStream text;
    private final boolean gzip;

    private CaptureInput(Path file, long size, CountingStream raw, InputStream text, boolean gzip) {
        this.file = file;
        this.size = size;
        this.raw = raw;
        this.text = text;
        this.gzip = gzip;
    }

    /**
     * Opens {@code file}.
     *
     * @param what what the file should hold, for messages ("a mem_mapping dump")
     * @throws CaptureException if it does not exist, is not a regular file, cannot be read or is empty
     */
    static CaptureInput open(Path file, String what) throws CaptureException {
        if (Files.isDirectory(file)) {
            throw new CaptureException(file + ": is a directory, expected a file with " + what);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // Opening a FIFO blocks until a writer comes, a device may never end: neither is a capture.
            throw new CaptureException(file + ": not a regular file (a FIFO, device or socket), expected a file with "
                    + what + "; copy it to a file first");
        }
        long size;
        InputStream in;
        try {
            size = Files.size(file);
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new CaptureException(file + ": no such file (expected " + what + ")");
        } catch (AccessDeniedException e) {
            throw new CaptureException(file + ": permission denied");
        } catch (IOException e) {
            throw new CaptureException(file + ": cannot be read: " + reason(e), e);
        }
        if (size == 0) {
            close(in);
            throw new CaptureException(file + ": the file is empty, expected " + what);
        }
        CountingStream counting = new CountingStream(in);
        try {
            BufferedInputStream buffered = new BufferedInputStream(counting, 1 << 16);
            buffered.mark(2);
            int magic = (buffered.read() << 8) | buffered.read();
            buffered.reset();
            if (magic == GZIP_MAGIC) {
                // Empty text is an empty file, compressed or not: look at the first byte.
                BufferedInputStream text = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
                text.mark(1);
                if (text.read() < 0) {
                    throw new CaptureException(file + ": the file is empty, expected " + what);
                }
                text.reset();
                return new CaptureInput(file, size, counting, text, true);
            }
            return new CaptureInput(file, size, counting, buffered, false);
        } catch (CaptureException e) {
            close(counting);
            throw e;
        } catch (java.io.EOFException e) {
            close(counting);
            throw new CaptureException(file + ": the compressed file ends before its first line (truncated gzip)", e);
        } catch (IOException e) {
            close(counting);
            throw new CaptureException(file + ": cannot be read: " + reason(e), e);
        }
    }

    /** What went wrong, in words: some JDK exceptions have no message. */
    static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing more to tell: the open already failed
        }
    }

    Path file() {
        return file;
    }

    /** Size of the file on disk (compressed size for gzip). */
    long size() {
        return size;
    }

    /** Bytes read from disk so far, comparable with {@link #size()}. */
    long bytesRead() {
        return raw.count;
    }

    boolean isGzip() {
        return gzip;
    }

    /** The file's text bytes (decompressed). */
    InputStream stream() {
        return text;
    }

    @Override
    public void close() throws IOException {
        text.close();
    }

    /** Counts bytes as they come from disk. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
