package org.uffdvisualizer.parse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one capture: the mapping dump (required), the uffd handler log (optional) and
 * NMT detail files (any number, one per JVM).
 */
public record CaptureFiles(Path mappings, Path uffd, List<Path> nmt) {

    public CaptureFiles {
        nmt = List.copyOf(nmt);
    }

    /**
     * Finds the files of a capture directory: {@code mem_mapping*}, {@code uffd*} and {@code nmt*}
     * (compressed or not). Other files (READMEs, QEMU traces) are ignored.
     *
     * @throws CaptureException if the directory cannot be listed, has no mapping dump, or has
     *                          several candidates where one is needed
     */
    public static CaptureFiles inDirectory(Path dir) throws CaptureException {
        if (!Files.isDirectory(dir)) {
            throw new CaptureException(dir + ": not a directory");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new CaptureException(dir + ": cannot be listed: " + e.getMessage(), e);
        }
        Path mappings = pickOne(dir, files, "mem_mapping", true);
        Path uffd = pickOne(dir, files, "uffd", false);
        List<Path> nmt = new ArrayList<>();
        for (Path f : files) {
            if (name(f).startsWith("nmt") && isData(f)) {
                nmt.add(f);
            }
        }
        return new CaptureFiles(mappings, uffd, nmt);
    }

    private static Path pickOne(Path dir, List<Path> files, String prefix, boolean required) throws CaptureException {
        List<Path> found = new ArrayList<>();
        for (Path f : files) {
            if (name(f).startsWith(prefix) && isData(f)) {
                found.add(f);
            }
        }
        if (found.isEmpty()) {
            if (required) {
                throw new CaptureException(dir + ": no " + prefix + "* file in this directory");
            }
            return null;
        }
        if (found.size() > 1) {
            // "uffd.log.gz" beside "uffd-extended.log.gz": the plain name is the default.
            for (Path f : found) {
                String n = name(f);
                if (n.equals(prefix + ".txt") || n.equals(prefix + ".txt.gz") || n.equals(prefix + ".log")
                        || n.equals(prefix + ".log.gz")) {
                    return f;
                }
            }
            throw new CaptureException(dir + ": several " + prefix + "* files (" + found.stream().map(CaptureFiles::name)
                    .toList() + "): name the one to use");
        }
        return found.get(0);
    }

    private static String name(Path f) {
        return f.getFileName().toString();
    }

    private static boolean isData(Path f) {
        String n = name(f);
        return !n.endsWith(".md") && !n.endsWith(".json") && !n.endsWith(".sh");
    }
}
