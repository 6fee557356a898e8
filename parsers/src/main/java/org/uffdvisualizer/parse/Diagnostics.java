package org.uffdvisualizer.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the lines that loading had to skip. Lenient mode keeps going, and keeps the first
 * {@value #KEPT_PER_FILE} of each file in full and only counts the rest, so that a garbage file
 * can neither fill the heap nor drown the other files' diagnostics; strict mode throws at the
 * first one.
 *
 * <p>Not thread-safe: one instance per loading thread, merged afterwards.
 */
public final class Diagnostics {
    /** How many diagnostics of one file are kept in full; the rest are only counted. */
    public static final int KEPT_PER_FILE = 100;

    private final boolean strict;
    private final List<Diagnostic> kept = new ArrayList<>();
    private final Map<Path, long[]> perFile = new LinkedHashMap<>();
    private long count;

    public Diagnostics(boolean strict) {
        this.strict = strict;
    }

    public boolean isStrict() {
        return strict;
    }

    /** Records a bad line; in strict mode throws {@link BadLineException} instead. */
    public void report(Path file, long line, String text, String problem) throws BadLineException {
        add(new Diagnostic(file, line, text, problem));
    }

    /** Records a diagnostic; in strict mode throws {@link BadLineException} instead. */
    public void add(Diagnostic d) throws BadLineException {
        if (strict) {
            throw new BadLineException(d);
        }
        count++;
        long[] ofFile = perFile.computeIfAbsent(d.file(), f -> new long[1]);
        if (ofFile[0]++ < KEPT_PER_FILE) {
            kept.add(d);
        }
    }

    /** All diagnostics recorded (including those not kept in full). */
    public long count() {
        return count;
    }

    /** The kept diagnostics (the first {@value #KEPT_PER_FILE} of each file), in the order they were found. */
    public List<Diagnostic> list() {
        return Collections.unmodifiableList(kept);
    }

    /** How many diagnostics of {@code file} were counted but not kept in full. */
    public long omitted(Path file) {
        long[] ofFile = perFile.get(file);
        return ofFile == null ? 0 : Math.max(0, ofFile[0] - KEPT_PER_FILE);
    }

    /** The files that have diagnostics, in the order their first one was found. */
    public List<Path> files() {
        return List.copyOf(perFile.keySet());
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
