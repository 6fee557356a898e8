package org.uffdvisualizer.prefetch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFileKind;
import org.uffdvisualizer.parse.CaptureFiles;

/**
 * The files a what-if reads: the restore traces of one snapshot, in order, and the capture's
 * mapping dump and NMT files when there are any (a selection needs them). A capture directory
 * gives every restore trace in it ({@code uffd.log*}, then {@code uffd-restore-N.log*} by N);
 * other logs there (e.g. {@code uffd-extended.log}, the same restore in another format) are not
 * restores of their own. Files given one by one are told apart by content.
 *
 * @param capture  the capture directory or mapping dump, for headers and titles; null without one
 * @param mappings the mapping dump, or null
 * @param nmt      NMT detail files
 * @param traces   the restore traces, in order
 */
public record TraceSources(String capture, Path mappings, List<Path> nmt, List<Path> traces) {
    private static final Pattern RESTORE = Pattern.compile("uffd(?:\\.log|-restore-(\\d+)\\.log).*");

    public TraceSources {
        nmt = List.copyOf(nmt);
        traces = List.copyOf(traces);
    }

    /**
     * The sources of a capture directory, or of files given one by one.
     *
     * @throws CaptureException if a path is missing, a file is none of the kinds, or no restore trace is found
     */
    public static TraceSources of(List<Path> inputs) throws CaptureException {
        if (inputs.size() == 1 && Files.isDirectory(inputs.get(0))) {
            return ofDirectory(inputs.get(0));
        }
        Path mappings = null;
        List<Path> nmt = new ArrayList<>();
        List<Path> traces = new ArrayList<>();
        for (Path f : inputs) {
            if (!Files.isRegularFile(f)) {
                throw new CaptureException(f + (Files.isDirectory(f)
                        ? ": a directory among other inputs; give one capture directory, or files"
                        : ": no such file"));
            }
            CaptureFileKind kind = CaptureFileKind.of(f);
            if (kind == CaptureFileKind.MAPPINGS && mappings == null) {
                mappings = f;
            } else if (kind == CaptureFileKind.NMT) {
                nmt.add(f);
            } else if (kind.isUffdLog()) {
                traces.add(f);
            } else {
                throw new CaptureException(f + ": not a restore trace (uffd log, page-touch or postcopy trace), mapping"
                        + " dump or NMT file (told from its first lines)" + (kind == CaptureFileKind.MAPPINGS
                        ? "; a second mapping dump" : ""));
            }
        }
        return checked(new TraceSources(mappings == null ? null : mappings.toString(), mappings, nmt, traces));
    }

    private static TraceSources ofDirectory(Path dir) throws CaptureException {
        CaptureFiles files = CaptureFiles.inDirectory(dir);
        List<Path> restores = new ArrayList<>(restoresAmong(files));
        if (restores.isEmpty() && files.uffd() != null) {
            restores.add(files.uffd());
        }
        return checked(new TraceSources(dir.toString(), files.mappings(), files.nmt(), restores));
    }

    /** The restore traces among a capture's uffd logs ({@code uffd.log*}, {@code uffd-restore-N.log*}), in order. */
    public static List<Path> restoresAmong(CaptureFiles files) {
        List<Path> all = new ArrayList<>();
        if (files.uffd() != null) {
            all.add(files.uffd());
        }
        all.addAll(files.otherUffdLogs());
        List<Path> restores = new ArrayList<>(all.stream().filter(TraceSources::isRestore).toList());
        restores.sort(Comparator.comparingInt(TraceSources::restoreNumber).thenComparing(TraceSources::name));
        return restores;
    }

    /** Whether {@code f} is named as a restore trace of its own ({@code uffd.log*}, {@code uffd-restore-N.log*}). */
    public static boolean isRestore(Path f) {
        return RESTORE.matcher(name(f)).matches();
    }

    /** The same sources with {@code more} traces after these (those already here are not repeated). */
    public TraceSources withTraces(List<Path> more) {
        List<Path> all = new ArrayList<>(traces);
        for (Path f : more) {
            if (all.stream().noneMatch(t -> same(t, f))) {
                all.add(f);
            }
        }
        return new TraceSources(capture, mappings, nmt, all);
    }

    /** Whether two paths name the same file. */
    static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    private static TraceSources checked(TraceSources s) throws CaptureException {
        if (s.traces.isEmpty()) {
            throw new CaptureException((s.capture == null ? "the files given" : s.capture) + ": no restore trace (a uffd"
                    + " log, the capture lab's page-touch trace or a QEMU postcopy trace)");
        }
        return s;
    }

    /** 1 for {@code uffd.log*} (the first restore), N for {@code uffd-restore-N.log*} (too large: Integer.MAX_VALUE). */
    public static int restoreNumber(Path f) {
        Matcher m = RESTORE.matcher(name(f));
        if (!m.matches() || m.group(1) == null) {
            return 1;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    static String name(Path f) {
        return f.getFileName() == null ? f.toString() : f.getFileName().toString();
    }
}
