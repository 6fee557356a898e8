package org.uffdvisualizer.parse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes test inputs and finds the project's sample captures the build points the tests at. */
final class TestFiles {
    private TestFiles() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    static Path writeGzip(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return f;
    }

    /** The project's own sample captures. */
    static Path sampleData() {
        return Path.of(System.getProperty("sampleData", "../sample-data"));
    }
}
