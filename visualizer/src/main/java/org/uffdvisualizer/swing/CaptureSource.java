package org.uffdvisualizer.swing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;

/**
 * Where a capture comes from and how to read it: a directory (scanned again on every load, so
 * reload picks up new files) or explicit files. Recent captures store it as one line.
 *
 * @param title     what the window title and the recent list show
 * @param directory the capture directory, or null for explicit files
 * @param files     the files, when {@code directory} is null
 * @param options   how to load
 */
public record CaptureSource(String title, Path directory, CaptureFiles files, CaptureLoader.Options options) {

    public static CaptureSource ofDirectory(Path dir, CaptureLoader.Options options) {
        Path abs = dir.toAbsolutePath().normalize();
        return new CaptureSource(String.valueOf(abs.getFileName()), abs, null, options);
    }

    public static CaptureSource ofFiles(CaptureFiles files, CaptureLoader.Options options) {
        Path parent = files.mappings().toAbsolutePath().getParent();
        String title = files.mappings().getFileName() + (parent == null ? "" : " in " + parent.getFileName());
        return new CaptureSource(title, null, files, options);
    }

    /**
     * One restore of a capture directory's snapshot: {@code files} (the directory's) with its uffd
     * log, titled by the directory and the log, as the capture lab's restores are told apart.
     */
    public static CaptureSource ofRestore(CaptureFiles files, CaptureLoader.Options options) {
        Path dir = files.mappings().toAbsolutePath().getParent();
        return new CaptureSource(dir.getFileName() + " · " + files.uffd().getFileName(), null, files, options);
    }

    /** The files to read now. */
    public CaptureFiles resolve() throws CaptureException {
        return directory != null ? CaptureFiles.inDirectory(directory) : files;
    }

    /**
     * Sorts dropped or chosen files by their content ({@link CaptureFiles#recognise}); a single
     * directory is a capture directory.
     */
    public static CaptureSource ofDropped(List<Path> paths, CaptureLoader.Options options) throws CaptureException {
        if (paths.size() == 1 && Files.isDirectory(paths.get(0))) {
            return ofDirectory(paths.get(0), options);
        }
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                throw new CaptureException(p + ": drop either one capture directory or its files, not both");
            }
        }
        return ofFiles(CaptureFiles.recognise(paths, "the chosen files", true), options);
    }

    /** One line for the preferences: "dir\tPATH" or "files\tMAPPINGS\tUFFD\tNMT...". */
    public String encode() {
        if (directory != null) {
            return "dir\t" + directory;
        }
        StringBuilder b = new StringBuilder("files\t").append(files.mappings()).append('\t')
                .append(files.uffd() == null ? "" : files.uffd());
        for (Path p : files.nmt()) {
            b.append('\t').append(p);
        }
        return b.toString();
    }

    /** The inverse of {@link #encode()}, or null if the line is not one. */
    public static CaptureSource decode(String line, CaptureLoader.Options options) {
        String[] parts = line.split("\t", -1);
        if (parts.length == 2 && parts[0].equals("dir") && !parts[1].isEmpty()) {
            return ofDirectory(Path.of(parts[1]), options);
        }
        if (parts.length >= 3 && parts[0].equals("files") && !parts[1].isEmpty()) {
            List<Path> nmt = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                nmt.add(Path.of(parts[i]));
            }
            return ofFiles(new CaptureFiles(Path.of(parts[1]), parts[2].isEmpty() ? null : Path.of(parts[2]), nmt),
                    options);
        }
        return null;
    }
}
