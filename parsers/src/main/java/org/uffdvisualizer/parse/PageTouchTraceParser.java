package org.uffdvisualizer.parse;

import java.nio.file.Path;
import java.util.Arrays;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads a page-touch trace (docs/formats.md, "Page-touch trace"): the host page faults of a
 * QEMU whose guest RAM lives in a file, recorded with ftrace's {@code exceptions:page_fault_user}
 * while the guest was restored from an evicted copy of that file (lab/capture-lab.sh).
 * <pre>
 * # ram HOST_START HOST_END FILE_OFFSET
 * # thread TID NAME
 *  CPU 0/TCG-4805 [000] d.... 526.218256: page_fault_user: address=0x7f20a03f4000 ip=0x.. error_code=0x6
 * </pre>
 * Only the first fault of a page is a demand fault and enters the trace: the write-protect
 * fault that follows the first read of a page, and faults outside the RAM mappings (QEMU's own
 * memory), are not loads of guest memory. A file offset is the guest-physical address (QEMU's
 * RAM below 3 GiB, all the lab records), whatever the layout option says.
 */
final class PageTouchTraceParser extends DemandFaultTraceParser {
    static final String WHAT = "a page-touch trace (page_fault_user lines)";
    /** First line the capture lab writes. */
    static final String HEADER = "# uffdvisualizer page-touch trace";
    static final String EVENT = " page_fault_user: ";
    private static final String RAM = "# ram ";
    private static final String LINE =
            "expected 'COMM-TID [CPU] FLAGS SECONDS: page_fault_user: address=... ip=... error_code=...'";
    /** error_code bit 1: the access was a write. */
    private static final long WRITE_BIT = 2;

    /** The RAM file's mappings ({@code # ram} lines): host start, host end, file offset. */
    private long[] ram = new long[3 * 2];
    private int ramCount;
    private long memoryEnd;
    private long faultsInRam;

    private PageTouchTraceParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        super(file, diagnostics, progress, 1 << 16);
    }

    static UffdLogParser.Result parse(Path file, MemoryLayout layout, Diagnostics diagnostics,
                                      ProgressListener progress) throws CaptureException {
        return new PageTouchTraceParser(file, diagnostics, progress).read(WHAT, layout);
    }

    @Override
    protected boolean line(ByteCursor c) throws CaptureException {
        int start = c.position();
        if (c.accept(RAM)) {
            ram(c);
            return true;
        }
        int event = c.indexOf(EVENT);
        if (event >= 0) {
            fault(c, start, event);
        }
        return true;            // headers, ftrace's own comments and trace_marker lines
    }

    /** {@code # ram HOST_START HOST_END FILE_OFFSET}: one mapping of the RAM file. */
    private void ram(ByteCursor c) throws CaptureException {
        c.skipBlanks();
        long from = c.hex();
        c.skipBlanks();
        long to = c.hex();
        c.skipBlanks();
        long offset = c.hex();
        if (c.failed() || to <= from || ((from | to | offset) & (PhysicalLayout.PAGE_SIZE - 1)) != 0) {
            bad("expected '# ram HOST_START HOST_END FILE_OFFSET' (hexadecimal, page aligned, END > START)");
            return;
        }
        memoryEnd = Math.max(memoryEnd, offset + (to - from));
        builder.memoryFileSize(memoryEnd);
        if (3 * ramCount + 3 > ram.length) {
            ram = Arrays.copyOf(ram, ram.length * 2);
        }
        ram[3 * ramCount] = from;
        ram[3 * ramCount + 1] = to;
        ram[3 * ramCount + 2] = offset;
        ramCount++;
    }

    /** {@code COMM-TID [CPU] FLAGS SECONDS: page_fault_user: address=A ip=I error_code=E}. */
    private void fault(ByteCursor c, int start, int event) throws CaptureException {
        // Read right to left from the event: the timestamp, the CPU in brackets, then COMM-TID (a thread name may hold
        // spaces and dashes, so only its end can be trusted). The numbers are decoded as they are scanned: the
        // cursor's number readers, inlined at each use, made this method the costliest compilation of a start
        // (docs/PERFORMANCE.md, "Start-up", third round).
        int stampEnd = event - 1;
        if (stampEnd < start || c.byteAt(stampEnd) != ':') {
            bad(LINE);
            return;
        }
        long number = 0;           // the digits right of the position, as a number
        long unit = 1;             // the value of the next digit to the left
        int digits = 0;
        long fraction = 0;
        int fractionDigits = -1;   // none: no '.' yet
        int stamp = stampEnd;
        for (; stamp > start; stamp--) {
            int b = c.byteAt(stamp - 1);
            if (!isDigit(b) && b != '.') {
                break;
            }
            if (b == '.') {
                if (fractionDigits >= 0 || digits == 0) {
                    break;         // a second '.', or none of the fraction's digits: not a time stamp
                }
                fraction = number;
                fractionDigits = digits;
                number = 0;
                unit = 1;
                digits = 0;
            } else if (digits++ < ByteCursor.MAX_DIGITS) {
                number += (b - '0') * unit;
                unit *= 10;
            }
        }
        if (digits == 0 || digits > ByteCursor.MAX_DIGITS || fractionDigits > ByteCursor.MAX_DIGITS
                || stamp > start && c.byteAt(stamp - 1) == '.') {
            bad("expected the time stamp SECONDS[.FRACTION] before ': page_fault_user:'");
            return;
        }
        long nanos = TraceTime.nanos(number, fraction, fractionDigits);
        int bracket = stamp - 1;
        while (bracket > start && c.byteAt(bracket) != '[') {
            bracket--;
        }
        int tidEnd = bracket;
        while (tidEnd > start && c.byteAt(tidEnd - 1) == ' ') {
            tidEnd--;
        }
        long tid = 0;
        unit = 1;
        int tidStart = tidEnd;
        for (; tidStart > start; tidStart--) {
            int b = c.byteAt(tidStart - 1);
            if (!isDigit(b)) {
                break;
            }
            tid += (b - '0') * unit;
            unit *= 10;
        }
        // Every part on this line: one starting with the TID's digits has no byte before them to read.
        if (bracket <= start || tidStart == tidEnd || tidEnd - tidStart > ByteCursor.MAX_DIGITS || tidStart <= start
                || c.byteAt(tidStart - 1) != '-') {
            bad(LINE);
            return;
        }
        int thread = (int) tid;
        c.position(event + EVENT.length());
        if (!c.accept("address=")) {
            c.fail();
        }
        long address = c.hex();
        int code = c.indexOf("error_code=");
        long error = 0;
        if (code >= 0) {
            c.position(code + "error_code=".length());
            error = c.hex();
        } else {
            c.fail();
        }
        if (c.failed()) {
            bad("expected 'address=0xADDR ip=... error_code=0xCODE' after 'page_fault_user:'");
            return;
        }
        if (ramCount == 0) {
            bad("a page_fault_user line before any '# ram' line: the RAM file's mapping is not known");
            return;
        }
        long page = address & -PhysicalLayout.PAGE_SIZE;
        long offset = offsetOf(page);
        if (offset < 0) {
            return;            // QEMU's own memory, not guest RAM
        }
        faultsInRam++;
        if (!firstFault(offset)) {
            return;            // not the first touch of this page
        }
        builder.fault((error & WRITE_BIT) != 0 ? FaultTrace.WRITE : 0, page, offset, 1, thread, nanos, offset, lineNumber());
    }

    /** File offset of a host page inside a {@code # ram} mapping, -1 outside all of them. */
    private long offsetOf(long page) {
        for (int r = 0; r < ramCount; r++) {
            if (page >= ram[3 * r] && page < ram[3 * r + 1]) {
                return page - ram[3 * r] + ram[3 * r + 2];
            }
        }
        return -1;
    }

    private static int at(ByteCursor c, int position) {
        c.position(position);
        return c.peek();
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    @Override
    protected void finish() throws CaptureException {
        if (ramCount == 0) {
            throw new CaptureException(file + ": no '# ram HOST_START HOST_END FILE_OFFSET' line: this is not " + WHAT
                    + " as the capture lab writes it");
        }
        if (faultsInRam == 0) {
            throw new CaptureException(file + ": no page_fault_user line inside the RAM mappings: this is not " + WHAT);
        }
    }
}
