package org.uffdvisualizer.swing;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.stream.Stream;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;

/**
 * The real capture built into the jar ({@code sample-data/lab-jvm17-default}, as resources under
 * {@code /bundled-capture/}), so that the window shows something real when started without
 * arguments. Extracted once per run into a temporary directory whose files are read-only and
 * deleted at exit.
 */
public final class BundledCapture {
    /** Name shown in the title bar. */
    public static final String TITLE = "lab-jvm17-default (bundled sample)";
    private static final String ROOT = "/bundled-capture/";

    private BundledCapture() {
    }

    /** Whether this build carries the capture. */
    public static boolean isAvailable() {
        return BundledCapture.class.getResource(ROOT) != null;
    }

    /** The bundled capture as a source titled {@link #TITLE}, read with {@code options}. */
    public static CaptureSource source(CaptureLoader.Options options) throws CaptureException {
        return new CaptureSource(TITLE, null, extract(), options);
    }

    /**
     * Extracts the capture and returns its files. The build bundles only what this reads: the dump, the NMT
     * file and the trace of the first restore, which has timestamps, so that replay by timestamp works on it.
     */
    public static CaptureFiles extract() throws CaptureException {
        URL url = BundledCapture.class.getResource(ROOT);
        if (url == null) {
            throw new CaptureException("this build of UffdVisualizer carries no bundled capture; give a capture directory");
        }
        try {
            Path dir = Files.createTempDirectory("uffdvisualizer-sample-");
            dir.toFile().deleteOnExit();
            for (String name : list(url)) {
                try (InputStream in = BundledCapture.class.getResourceAsStream(ROOT + name)) {
                    if (in == null) {
                        continue;
                    }
                    Path target = dir.resolve(name);
                    Files.copy(in, target);
                    target.toFile().setReadOnly();
                    target.toFile().deleteOnExit();
                }
            }
            return CaptureFiles.inDirectory(dir);
        } catch (IOException e) {
            throw new CaptureException("cannot extract the bundled capture: " + e.getMessage(), e);
        }
    }

    /**
     * File names under the resource directory, from the jar or from a classes directory. The jar's
     * entries are read through the class path's own open jar file: a zip file system would read
     * the jar's directory again and load its provider's classes, at start-up.
     */
    private static List<String> list(URL url) throws IOException {
        URLConnection c = url.openConnection();
        if (c instanceof JarURLConnection jar) {
            String dir = jar.getEntryName();
            List<String> names = new ArrayList<>();
            for (Enumeration<JarEntry> e = jar.getJarFile().entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                if (name.startsWith(dir) && name.length() > dir.length() && name.indexOf('/', dir.length()) < 0) {
                    names.add(name.substring(dir.length()));
                }
            }
            return names;
        }
        try (Stream<Path> s = Files.list(Path.of(url.toURI()))) {
            return s.map(p -> p.getFileName().toString()).toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
