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
 *
 * @param otherUffdLogs uffd logs of the same capture directory that were not chosen (the user may
 *                      switch to one of them); empty for files given one by one
 */
public record CaptureFiles(Path mappings, Path uffd, List<Path> nmt, List<Path> otherUffdLogs) {

    public CaptureFiles {
        nmt = List.copyOf(nmt);
        otherUffdLogs = List.copyOf(otherUffdLogs);
    }

    /** Files given one by one. */
    public CaptureFiles(Path mappings, Path uffd, List<Path> nmt) {
        this(mappings, uffd, nmt, List.of());
    }

    /** The same files with {@code log} as the uffd log instead, and the current one among the others. */
    public CaptureFiles withUffd(Path log) {
        List<Path> others = new ArrayList<>(otherUffdLogs);
        others.remove(log);
        if (uffd != null) {
            others.add(0, uffd);
        }
        return new CaptureFiles(mappings, log, nmt, others);
    }

    /**
     * Finds the files of a capture directory by their content ({@link CaptureFileKind}), gzip or
     * not, whatever they are called; names only decide between two files of one kind (the
     * canonical {@code mem_mapping.txt}, {@code uffd.log}, ...) and name the mapping dump when no
     * file looks like one (so that its parser says what is wrong with it). Of several uffd logs
     * the one with timestamps is chosen: it can replay by time. Other files (READMEs, QEMU
     * traces) are ignored.
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
            files = s.filter(Files::isRegularFile).filter(CaptureFiles::isData).sorted().toList();
        } catch (IOException e) {
            throw new CaptureException(dir + ": cannot be listed: " + e.getMessage(), e);
        }
        return recognise(files, dir.toString(), false);
    }

    /**
     * Sorts {@code files} into a capture by their content, as {@link #inDirectory} does.
     *
     * @param where  what to call them in messages (the directory, or "the chosen files")
     * @param strict whether a file that is none of the kinds is an error rather than ignored
     */
    public static CaptureFiles recognise(List<Path> files, String where, boolean strict) throws CaptureException {
        List<Path> mappings = new ArrayList<>();
        List<Path> timedLogs = new ArrayList<>();
        List<Path> plainLogs = new ArrayList<>();
        List<Path> nmt = new ArrayList<>();
        for (Path f : files) {
            switch (CaptureFileKind.of(f)) {
                case MAPPINGS -> mappings.add(f);
                case UFFD_LOG_TIMED -> timedLogs.add(f);
                case UFFD_LOG -> plainLogs.add(f);
                case NMT -> nmt.add(f);
                default -> {
                    if (name(f).startsWith("mem_mapping")) {
                        mappings.add(f);     // looks like none: its parser will say why
                    } else if (strict) {
                        throw new CaptureException(f + ": neither a mapping dump, a uffd log nor NMT detail (told"
                                + " from its first lines)");
                    }
                }
            }
        }
        if (mappings.isEmpty()) {
            throw new CaptureException(where + ": no mapping dump (a file whose lines start with"
                    + " '= PID NAME', 'v 0x...' and 'p 0x...'; found " + files.stream().map(CaptureFiles::name).toList() + ")");
        }
        Path mapping = pickOne(where, mappings, "mem_mapping", "mapping dumps");
        List<Path> logs = new ArrayList<>(timedLogs);
        logs.addAll(plainLogs);
        Path uffd = logs.isEmpty() ? null
                : pickOne(where, timedLogs.isEmpty() ? plainLogs : timedLogs, "uffd", "uffd logs");
        logs.remove(uffd);
        return new CaptureFiles(mapping, uffd, nmt, logs);
    }

    /** The one of {@code found}, or the one with the canonical name among several. */
    private static Path pickOne(String where, List<Path> found, String prefix, String what) throws CaptureException {
        if (found.size() == 1) {
            return found.get(0);
        }
        for (Path f : found) {
            String n = name(f);
            if (n.equals(prefix + ".txt") || n.equals(prefix + ".txt.gz") || n.equals(prefix + ".log")
                    || n.equals(prefix + ".log.gz")) {
                return f;
            }
        }
        List<Path> named = found.stream().filter(f -> name(f).startsWith(prefix)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        throw new CaptureException(where + ": several " + what + " (" + found.stream().map(CaptureFiles::name).toList()
                + "): choose the files with Open Files or --mappings/--uffd");
    }

    private static String name(Path f) {
        return f.getFileName().toString();
    }

    private static boolean isData(Path f) {
        String n = name(f);
        return !n.endsWith(".md") && !n.endsWith(".json") && !n.endsWith(".sh");
    }
}
