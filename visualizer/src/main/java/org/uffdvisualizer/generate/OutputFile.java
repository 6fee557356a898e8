package org.uffdvisualizer.generate;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A text file written atomically: into a temporary file beside the target, renamed over it
 * only when everything was written. Optionally gzip (fastest level; Java writes no time stamp in
 * the gzip header, so the bytes depend only on the text).
 */
final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final Writer writer;
    private boolean committed;

    OutputFile(Path target, boolean gzip) throws IOException {
        this.target = target;
        this.temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
        if (gzip) {
            out = new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
        }
        writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    Writer writer() {
        return writer;
    }

    Path target() {
        return target;
    }

    /** Closes and renames the file into place. */
    void commit() throws IOException {
        writer.close();
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    /** Without {@link #commit()}: removes the temporary file, leaving any earlier target as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }
}
