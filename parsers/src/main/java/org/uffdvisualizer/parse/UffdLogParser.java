package org.uffdvisualizer.parse;

import java.nio.file.Path;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.GuestLimits;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads a uffd page-fault handler log (FORMATS.md section 2), both variants:
 * <pre>
 * UFFD_EVENT_PAGEFAULT (r): FAULT PAGE  Loading: A - B
 * UFFD_EVENT_PAGEFAULT (r): TID FAULT PAGE Loading: A - B [t=NANOS] [gpa=ADDR]
 * UFFD_EVENT_REMOVE: START - END
 * </pre>
 * The action is {@code Loading:} (copied), {@code Zeroing:} (zero-filled) or
 * {@code Prefetching:} (copied ahead of demand). Header lines give the memory file's size and
 * the handshake's regions; comments ({@code #}), blank lines and the handler's banners are
 * recognised and skipped; any other line is reported.
 */
public final class UffdLogParser extends LineParser {
    static final String WHAT = "a uffd handler log (UFFD_EVENT_PAGEFAULT lines)";
    private static final String PAGEFAULT = "UFFD_EVENT_PAGEFAULT";
    private static final String REMOVE = "UFFD_EVENT_REMOVE:";

    /** Bytes per line to expect when sizing the trace of a gzip log: fault lines have 120 to 160. */
    private static final int BYTES_PER_LINE = 120;

    private final FaultTrace.Builder builder;
    private long removes;
    /** Sum of the region lines' sizes so far. */
    private long regionBytes;

    private UffdLogParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        super(file, diagnostics, progress);
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException | RuntimeException e) {
            size = 0;                // the open will say what is wrong with the file
        }
        boolean gzip = file.getFileName() != null && file.getFileName().toString().endsWith(".gz");
        // A plain log is sized from its first lines' length, with 2% more room in case they are
        // longer than the rest (running out would copy every array once). They tend to be
        // shorter: the extended format's timestamps grow (2% on the generated logs).
        long expected = gzip ? size * 6 / BYTES_PER_LINE : LineLengthSample.expectedLines(file, size, BYTES_PER_LINE) * 51 / 50;
        builder = FaultTrace.builder((int) Math.min(expected + 64, 1 << 26));
    }

    /**
     * Parses {@code file}; offsets are translated to guest-physical addresses with {@code layout}.
     * A page-touch trace of the capture lab and a QEMU postcopy trace are recognised by their
     * content ({@link RestoreTraceKind}) and read by their own parsers instead.
     */
    public static Result parse(Path file, MemoryLayout layout, Diagnostics diagnostics, ProgressListener progress)
            throws CaptureException {
        switch (RestoreTraceKind.of(file)) {
            case PAGE_TOUCH:
                return PageTouchTraceParser.parse(file, layout, diagnostics, progress);
            case POSTCOPY:
                return PostcopyTraceParser.parse(file, layout, diagnostics, progress);
            default:
                break;
        }
        UffdLogParser p = new UffdLogParser(file, diagnostics, progress);
        p.run(WHAT);
        return new Result(p.builder.build(layout), p.stats());
    }

    /** The trace and what reading it cost. */
    public record Result(FaultTrace trace, FileStats stats) {
    }

    /** A comment saying where the log's order came from (make-restore-log writes "composed ..."). */
    private static final String ORDER_NOTE = "# restore order:";

    @Override
    protected boolean line(ByteCursor c) throws CaptureException {
        c.skipBlanks();
        if (c.accept(PAGEFAULT)) {
            pageFault(c);
        } else if (c.accept(REMOVE)) {
            remove(c);
        } else if (c.startsWith("UFFD_")) {
            bad("unknown UFFD event: expected UFFD_EVENT_PAGEFAULT or UFFD_EVENT_REMOVE");
        } else if (c.startsWith("Mapping memory file")) {
            memoryFile(c);
        } else if (c.indexOf("base_host_virt_addr") >= 0) {
            region(c);
        } else if (c.accept(ORDER_NOTE)) {
            c.skipBlanks();
            builder.orderNote(c.restTrimmed());
        } else if (!isKnownNonRecord(c)) {
            bad("not a line of " + WHAT + ": expected a UFFD_EVENT line or one of the handler's header lines");
        }
        return true;
    }

    /**
     * Lines a handler writes besides the records: blank lines, comments ({@code # summary: ...},
     * {@code # region ...}), {@code Connected to PID N}, and Firecracker's example handler's
     * {@code Segment { ... }}.
     */
    private static boolean isKnownNonRecord(ByteCursor c) {
        return c.restIsBlank() || c.startsWith("#") || c.startsWith("Connected to PID") || c.startsWith("Segment {");
    }

    private void pageFault(ByteCursor c) throws CaptureException {
        c.skipBlanks();
        int kind = 0;
        if (c.accept("(w):")) {
            kind |= FaultTrace.WRITE;
        } else if (!c.accept("(r):")) {
            bad("expected '(r):' or '(w):' after UFFD_EVENT_PAGEFAULT");
            return;
        }
        // Two numbers (fault address, page address) or three (thread id first).
        int firstToken = -1;
        long page = 0;
        int count = 0;
        while (true) {
            c.skipBlanks();
            if (c.atEnd() || !isDigit(c.peek()) || count == 3) {
                break;
            }
            if (count == 0) {
                firstToken = c.position();
            }
            page = c.hex();
            count++;
        }
        int action;
        if (c.accept("Loading:")) {
            action = 0;
        } else if (c.accept("Zeroing:")) {
            action = FaultTrace.ZEROED;
        } else if (c.accept("Prefetching:")) {
            action = FaultTrace.PREFETCHED;
        } else {
            action = -1;
        }
        if (c.failed() || count < 2 || action < 0) {
            bad("expected 'UFFD_EVENT_PAGEFAULT (r|w): [TID] FAULT_ADDR PAGE_ADDR Loading|Zeroing: A - B'");
            return;
        }
        int thread = -1;
        if (count == 3) {            // the thread id comes first, in decimal
            int afterAction = c.position();
            c.position(firstToken);
            thread = (int) (c.peek(1) == 'x' ? c.hex() : c.decimal());
            c.position(afterAction);
        }
        c.skipBlanks();
        long from = c.hex();
        c.skipBlanks();
        c.expect('-');
        c.skipBlanks();
        long to = c.hex();
        if (c.failed() || Long.compareUnsigned(to, from) <= 0 || ((to - from) & (PhysicalLayout.PAGE_SIZE - 1)) != 0) {
            bad("expected the memory-file range 'A - B' (hexadecimal, B > A, a whole number of 4 KiB pages)");
            return;
        }
        if (!rangeFits(from, to)) {
            return;
        }
        long nanos = -1;
        long physical = -1;
        while (c.skipBlanks() > 0 && !c.atEnd()) {
            if (c.accept("t=")) {
                nanos = c.decimal();
            } else if (c.accept("gpa=")) {
                physical = c.hex();
            } else {
                break;             // unknown additions are allowed
            }
        }
        if (c.failed()) {
            bad("expected 't=NANOSECONDS' and 'gpa=0xADDRESS' after the range");
            return;
        }
        if (physical >= 0 && !GuestLimits.isPhysicalRange(physical, to - from)) {
            bad("gpa= lies beyond " + GuestLimits.DESCRIPTION + ", the largest guest supported");
            return;
        }
        long pages = (to - from) >>> PhysicalLayout.PAGE_SHIFT;
        builder.fault(kind | action, page, from, (int) Math.min(pages, Integer.MAX_VALUE), thread, nanos, physical,
                lineNumber());
    }

    /**
     * A fault serves at most one huge page, from inside the memory file: a larger range (a flipped
     * digit, another file) is a bad line, never pages to account for.
     */
    private boolean rangeFits(long from, long to) throws CaptureException {
        // Unsigned: offsets are 64-bit hexadecimal, and 0xe264900001015000 is no negative number.
        long fileSize = builder.memoryFileSize();
        if (Long.compareUnsigned(to - from, GuestLimits.MAX_FAULT_BYTES) > 0) {
            bad("the range is " + Long.toUnsignedString(to - from) + " bytes, larger than the largest page a handler"
                    + " serves (1 GiB)");
        } else if (fileSize > 0 && Long.compareUnsigned(to, fileSize) > 0) {
            bad(String.format("the range ends beyond the memory file's %,d bytes (its 'Mapping memory file' line)",
                    fileSize));
        } else if (Long.compareUnsigned(to, GuestLimits.MAX_RAM_BYTES) > 0) {
            bad("the range lies beyond " + GuestLimits.DESCRIPTION + ", the largest guest supported");
        } else {
            return true;
        }
        return false;
    }

    private static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    private void remove(ByteCursor c) throws CaptureException {
        c.skipBlanks();
        long start = c.hex();
        c.skipBlanks();
        c.expect('-');
        c.skipBlanks();
        long end = c.hex();
        if (c.failed() || Long.compareUnsigned(end, start) <= 0) {
            bad("expected 'UFFD_EVENT_REMOVE: START - END' with hexadecimal host addresses, END above START");
            return;
        }
        builder.remove(start, end, lineNumber());
        removes++;
    }

    /** {@code Mapping memory file ... size = N}: N in decimal, or hexadecimal with 0x. */
    private void memoryFile(ByteCursor c) throws CaptureException {
        int at = c.indexOf("size = ");
        if (at < 0) {
            return;                // the original handler's line names no size
        }
        c.position(at + "size = ".length());
        long size = c.peek() == '0' && c.peek(1) == 'x' ? c.hex() : c.decimal();
        if (c.failed() || size <= 0 || size > GuestLimits.MAX_RAM_BYTES) {
            bad("expected 'size = BYTES' of a memory file of at most " + GuestLimits.MAX_RAM_BYTES
                    + " bytes (" + GuestLimits.DESCRIPTION + ", holes included, is the largest guest supported)");
            return;
        }
        builder.memoryFileSize(size);
    }

    /** {@code ... { base_host_virt_addr: X, size: Y, offset: Z ... }}, numbers decimal or 0x-hex. */
    private void region(ByteCursor c) throws CaptureException {
        long host = field(c, "base_host_virt_addr:");
        long size = field(c, "size:");
        long offset = field(c, "offset:");
        if (c.failed() || size <= 0 || offset < 0) {
            bad("expected a region line with base_host_virt_addr, size and offset");
            return;
        }
        if (size > GuestLimits.MAX_RAM_BYTES - regionBytes || offset > GuestLimits.MAX_RAM_BYTES - size) {
            bad("the regions add up to more than " + GuestLimits.DESCRIPTION + ", the largest guest supported");
            return;
        }
        regionBytes += size;
        builder.region(host, size, offset);
    }

    private static long field(ByteCursor c, String key) {
        int line = c.position();
        int at = c.indexOf(key);
        if (at < 0) {
            c.fail();
            return 0;
        }
        c.position(at + key.length());
        c.skipBlanks();
        long v = c.peek() == '0' && (c.peek(1) == 'x' || c.peek(1) == 'X') ? c.hex() : c.decimal();
        c.position(line);
        return v;
    }

    @Override
    protected void finish() throws CaptureException {
        if (builder.faultCount() == 0 && removes == 0) {
            throw new CaptureException(file + ": no UFFD_EVENT_PAGEFAULT or UFFD_EVENT_REMOVE line found: this is not "
                    + WHAT);
        }
    }
}
