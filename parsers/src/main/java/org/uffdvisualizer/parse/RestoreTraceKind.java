package org.uffdvisualizer.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
            for (int n = 0; n < SNIFF_LINES && reader.next(); n++) {
                RestoreTraceKind kind = ofLine(new String(reader.buffer(), reader.start(),
                        reader.end() - reader.start(), StandardCharsets.ISO_8859_1));
                if (kind != null) {
                    return kind;
                }
            }
        } catch (CaptureException | IOException e) {
            return UFFD_LOG;
        }
        return UFFD_LOG;
    }

    /**
     * The kind a line of a restore-order file shows, or null for a line that tells nothing (a
     * header, a comment). Also what {@link CaptureFileKind} goes by, so both agree on every file.
     */
    static RestoreTraceKind ofLine(String line) {
        if (line.startsWith(PageTouchTraceParser.HEADER) || line.contains(PageTouchTraceParser.EVENT)) {
            return PAGE_TOUCH;
        }
        if (line.contains(PostcopyTraceParser.REQUEST)) {
            return POSTCOPY;
        }
        return line.startsWith("UFFD_EVENT_") ? UFFD_LOG : null;
    }
}
