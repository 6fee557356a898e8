package org.uffdvisualizer.parse;

import java.nio.file.Path;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads QEMU's postcopy fault trace (docs/formats.md, "QEMU postcopy trace"): a guest restored
 * lazily by postcopy migration, QEMU run with {@code -trace} of the postcopy events.
 * <pre>
 * 26363@1795391996.881603:postcopy_ram_fault_thread_request Request for HVA=0x7fcfe3ecb000 rb=pc.ram offset=0xcb000 pid=26354
 * 26364@1795391996.974466:postcopy_place_page host=0x7fcfe3ecb000
 * </pre>
 * Only demand faults enter the restore order: a {@code fault_thread_request} in {@code pc.ram}
 * (whose offsets are guest-physical addresses), the first request of each page (several vCPUs
 * can ask for a page before it arrives). Placements, requests for other RAM blocks and every
 * other line are skipped.
 */
final class PostcopyTraceParser extends DemandFaultTraceParser {
    static final String WHAT = "a QEMU postcopy trace (postcopy_ram_fault_thread_request lines)";
    static final String REQUEST = ":postcopy_ram_fault_thread_request ";
    private static final String RAM_BLOCK = "pc.ram";

    private long requests;

    private PostcopyTraceParser(Path file, Diagnostics diagnostics, ProgressListener progress) {
        super(file, diagnostics, progress, 1 << 12);
    }

    static UffdLogParser.Result parse(Path file, MemoryLayout layout, Diagnostics diagnostics,
                                      ProgressListener progress) throws CaptureException {
        return new PostcopyTraceParser(file, diagnostics, progress).read(WHAT, layout);
    }

    @Override
    protected boolean line(ByteCursor c) throws CaptureException {
        int start = c.position();
        int event = c.indexOf(REQUEST);
        if (event < 0) {
            return true;
        }
        requests++;
        // TID@SECONDS.MICROS before the event name
        c.position(start);
        c.skipBlanks();
        c.decimal();
        c.expect('@');
        long nanos = TraceTime.nanos(c);
        c.position(event + REQUEST.length());
        long host = field(c, "HVA=");
        int block = c.indexOf("rb=");
        boolean ram = block >= 0 && blockIs(c, block + 3);
        long offset = field(c, "offset=");
        int pidAt = c.indexOf("pid=");
        long thread = -1;
        if (pidAt >= 0) {
            c.position(pidAt + 4);
            thread = c.decimal();
        }
        if (c.failed() || block < 0 || (offset & (PhysicalLayout.PAGE_SIZE - 1)) != 0) {
            bad("expected 'TID@SECONDS:postcopy_ram_fault_thread_request Request for HVA=0x.. rb=BLOCK "
                    + "offset=0x.. pid=N' with a page-aligned offset");
            return true;
        }
        if (!ram || !firstFault(offset)) {
            return true;
        }
        builder.fault(0, host & -PhysicalLayout.PAGE_SIZE, offset, 1, (int) thread, nanos, -1, lineNumber());
        return true;
    }

    private static long field(ByteCursor c, String key) {
        int at = c.indexOf(key);
        if (at < 0) {
            c.fail();
            return 0;
        }
        c.position(at + key.length());
        return c.hex();
    }

    private static boolean blockIs(ByteCursor c, int at) {
        int here = c.position();
        c.position(at);
        boolean match = c.accept(RAM_BLOCK) && (c.atEnd() || c.peek() == ' ');
        c.position(here);
        return match;
    }

    @Override
    protected void finish() throws CaptureException {
        if (requests == 0) {
            throw new CaptureException(file + ": no postcopy_ram_fault_thread_request line: this is not " + WHAT);
        }
        if (builder.faultCount() == 0) {
            throw new CaptureException(file + ": no postcopy request for the RAM block " + RAM_BLOCK
                    + ": its offsets are the only ones known to be guest-physical addresses");
        }
    }
}
