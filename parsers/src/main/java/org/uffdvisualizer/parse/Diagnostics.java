package org.uffdvisualizer.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects the lines that loading had to skip. Lenient mode keeps going (and keeps the first
 * {@value #KEPT} of them so that a garbage file cannot fill the heap); strict mode throws at the
 * first one.
 *
 * <p>Not thread-safe: one instance per loading thread, merged afterwards.
 */
public final class Diagnostics {
    /** How many diagnostics are kept in full; the rest are only counted. */
    public static final int KEPT = 1000;

    private final boolean strict;
    private final List<Diagnostic> kept = new ArrayList<>();
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
        if (kept.size() < KEPT) {
            kept.add(d);
        }
    }

    /** All diagnostics recorded (including those not kept in full). */
    public long count() {
        return count;
    }

    /** The first {@value #KEPT} diagnostics, in the order they were found. */
    public List<Diagnostic> list() {
        return Collections.unmodifiableList(kept);
    }

    public boolean isEmpty() {
        return count == 0;
    }
}
