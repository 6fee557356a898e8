package org.uffdvisualizer.parse;

import java.nio.file.Path;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads HotSpot Native Memory Tracking detail ({@code jcmd PID VM.native_memory detail},
 * FORMATS.md section 3): the part from {@code Virtual memory map:} to {@code Details:} or
 * {@code Memory file details}. Reserved regions start in column 0; committed sub-regions are
 * indented (a tab in JDK 17, spaces in JDK 21 and later) and may lack {@code from}; stack frames
 * and separators are skipped, whatever their exact shape.
 */
public final class NmtParser extends LineParser {
    static final String WHAT = "HotSpot NMT detail (jcmd PID VM.native_memory detail)";

    private final NmtMap.Builder builder;
    private boolean firstLine = true;
    private boolean inMap;
    private boolean sawMap;
    private boolean sawNmt;
    private boolean headerPid;
    /** Committed lines belong to no region: the reserved region above them was damaged. */
    private boolean orphanCommitted;
    private long reservedStart;
    private long reservedEnd;

    private NmtParser(Path file, int pid, Diagnostics diagnostics, ProgressListener progress) {
        super(file, diagnostics, progress);
        builder = NmtMap.builder(pid, file);
    }

    /**
     * Parses {@code file}.
     *
     * @param pid the JVM's pid if the caller knows it, else -1; a {@code PID:} first line wins
     */
    public static Result parse(Path file, int pid, Diagnostics diagnostics, ProgressListener progress)
            throws CaptureException {
        NmtParser p = new NmtParser(file, pid, diagnostics, progress);
        p.run(WHAT);
        return new Result(p.builder.build(), p.headerPid, p.stats());
    }

    /**
     * The map and what reading it cost.
     *
     * @param pidFromHeader whether the pid came from the file's own {@code PID:} line
     */
    public record Result(NmtMap map, boolean pidFromHeader, FileStats stats) {
    }

    @Override
    protected boolean line(ByteCursor c) throws CaptureException {
        if (firstLine && !c.restIsBlank()) {
            firstLine = false;
            if (pidHeader(c)) {
                return true;
            }
        }
        if (!inMap) {
            if (c.startsWith("Native Memory Tracking")) {
                sawNmt = true;
            } else if (c.startsWith("Virtual memory map:")) {
                inMap = true;
                sawMap = true;
            }
            return true;
        }
        if (c.startsWith("Details:") || c.startsWith("Memory file details")) {
            inMap = false;
            return false;          // the rest (malloc sites, memory files) is not placed on pages
        }
        int indent = c.skipBlanks();
        if (c.atEnd()) {
            return true;           // separators: empty lines, a lone space
        }
        int lineStart = c.position();
        if (!c.accept('[')) {
            bad("expected a region '[0xSTART - 0xEND] ...', a stack frame '[0xADDRESS] ...' or 'Details:'"
                    + " inside the virtual memory map");
            return true;
        }
        long start = c.hex();
        c.skipBlanks();
        if (!c.failed() && c.accept(']')) {
            return true;           // a stack frame: "[0xADDR] symbol" or "[0xADDR]symbol"
        }
        c.expect('-');
        c.skipBlanks();
        long end = c.hex();
        c.expect(']');
        c.skipBlanks();
        if (c.failed() || Long.compareUnsigned(end, start) < 0) {
            c.position(lineStart);
            bad("expected '[0xSTART - 0xEND] reserved|committed SIZEKB ...'"
                    + (indent == 0 ? "; its committed sub-regions are skipped" : ""));
            orphanCommitted |= indent == 0;
            return true;
        }
        if (indent == 0) {
            reserved(c, start, end);
        } else {
            committed(c, start, end);
        }
        return true;
    }

    /** jcmd's first line is the pid and a colon ("114:"). */
    private boolean pidHeader(ByteCursor c) {
        int at = c.position();
        c.skipBlanks();
        long pid = c.decimal();
        boolean ok = !c.failed() && c.accept(':') && c.restIsBlank() && pid > 0 && pid <= Integer.MAX_VALUE;
        if (ok) {
            builder.pid((int) pid);
            headerPid = true;
        } else {
            c.clearFailure();
            c.position(at);
        }
        return ok;
    }

    private void reserved(ByteCursor c, long start, long end) throws CaptureException {
        // Until this one turns out good, the sub-regions below belong to no region read.
        orphanCommitted = true;
        boolean alsoCommitted;
        if (c.accept("reserved and committed")) {
            alsoCommitted = true;
        } else if (c.accept("reserved")) {
            alsoCommitted = false;
        } else {
            bad("expected 'reserved' or 'reserved and committed' after the range of a region in column 0");
            return;
        }
        c.skipBlanks();
        c.decimal();
        boolean sized = c.accept("KB");
        c.skipBlanks();
        if (c.failed() || !sized || !c.accept("for ")) {
            bad("expected 'reserved SIZEKB for CATEGORY from'");
            return;
        }
        int from = c.indexOf(" from");
        String category = c.textUntil(from >= 0 ? from : c.end());
        if (category.isEmpty()) {
            bad("expected a category after 'for'");
            return;
        }
        builder.reserved(start, end, category, alsoCommitted);
        orphanCommitted = false;
        reservedStart = start;
        reservedEnd = end;
    }

    private void committed(ByteCursor c, long start, long end) throws CaptureException {
        if (!c.accept("committed")) {
            bad("expected 'committed SIZEKB' after the range of an indented region");
            return;
        }
        if (orphanCommitted) {
            return;                // its reserved region was damaged, and reported
        }
        if (!builder.hasReserved()) {
            bad("a committed region before any reserved region");
            return;
        }
        if (Long.compareUnsigned(start, reservedStart) < 0 || Long.compareUnsigned(end, reservedEnd) > 0) {
            bad(String.format("a committed region outside its reserved region [%#x - %#x]", reservedStart, reservedEnd));
            return;
        }
        builder.committed(start, end);
    }

    @Override
    protected void finish() throws CaptureException {
        if (inMap) {
            diagnostics.report(file, 0, "", "the file ends inside the 'Virtual memory map:' region list, after line "
                    + lines() + " (no 'Details:' line): it was cut, regions after that are missing");
        }
        if (!sawMap) {
            throw new CaptureException(file + (sawNmt
                    ? ": NMT output without 'Virtual memory map:': it needs -XX:NativeMemoryTracking=detail"
                            + " and 'jcmd PID VM.native_memory detail' (not summary)"
                    : ": no 'Virtual memory map:' section found: this is not " + WHAT));
        }
    }
}
