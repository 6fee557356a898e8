package org.uffdvisualizer.parse;

import java.io.IOException;
import java.nio.file.Path;

/** Which reader a restore-order file (a capture's {@code uffd*} file, {@code --uffd}) needs, told by content. */
enum RestoreTraceKind {
    /** The uffd handler's log (the default, and what anything unrecognised is read as). */
    UFFD_LOG,
    /** The capture lab's page-touch trace: {@link PageTouchTraceParser}. */
    PAGE_TOUCH,
    /** QEMU's postcopy fault trace: {@link PostcopyTraceParser}. */
    POSTCOPY;

    /** Lines read to decide: the lab's header has one line per QEMU thread before the faults. */
    private static final int SNIFF_LINES = 200;

    /**
     * The kind of {@code file}, from its first lines. A file that cannot be read is a uffd log
     * (whose parser then says what is wrong with it).
     */
    static RestoreTraceKind of(Path file) {
        try (CaptureInput in = CaptureInput.open(file, UffdLogParser.WHAT)) {
            LineReader reader = new LineReader(in.stream());
            ByteCursor c = new ByteCursor();
            for (int n = 0; n < SNIFF_LINES && reader.next(); n++) {
                c.reset(reader.buffer(), reader.start(), reader.end());
                if (c.startsWith(PageTouchTraceParser.HEADER) || c.indexOf(PageTouchTraceParser.EVENT) >= 0) {
                    return PAGE_TOUCH;
                }
                if (c.indexOf(PostcopyTraceParser.REQUEST) >= 0) {
                    return POSTCOPY;
                }
                if (c.startsWith("UFFD_EVENT_")) {
                    return UFFD_LOG;
                }
            }
        } catch (CaptureException | IOException e) {
            return UFFD_LOG;
        }
        return UFFD_LOG;
    }
}
