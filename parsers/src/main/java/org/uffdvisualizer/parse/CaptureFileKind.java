package org.uffdvisualizer.parse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What a capture file is, told from its first lines (gzip or not), whatever it is called: a
 * capture copied from elsewhere has names like {@code default.mem_mapping.txt} or
 * {@code qemu.uffd.log}. A uffd log with timestamps ({@code t=}, the extended format) is told
 * apart from one without, because it is the richer of two logs of one restore. The restore
 * traces the uffd log's parser also reads (the capture lab's page-touch trace, QEMU's postcopy
 * trace) count as uffd logs with timestamps.
 */
public enum CaptureFileKind {
    MAPPINGS("mapping dump"),
    UFFD_LOG_TIMED("uffd log with timestamps"),
    UFFD_LOG("uffd log"),
    NMT("NMT detail"),
    OTHER("not a capture file");

    /** Text looked at before giving up: headers are short, and a data line decides at once. */
    private static final int HEAD_BYTES = 64 * 1024;
    private static final Pattern SECTION = Pattern.compile("= -?\\d+ \\S.*");
    private static final Pattern HEX_LINE = Pattern.compile("[vp] 0x[0-9a-fA-F]+ 0x[0-9a-fA-F]+.*");

    private final String description;

    CaptureFileKind(String description) {
        this.description = description;
    }

    /** For messages: "mapping dump", "uffd log", ... */
    public String description() {
        return description;
    }

    public boolean isUffdLog() {
        return this == UFFD_LOG || this == UFFD_LOG_TIMED;
    }

    /** The kind of {@code file} from its first lines; {@link #OTHER} if it is none or cannot be read. */
    public static CaptureFileKind of(Path file) {
        try (CaptureInput in = CaptureInput.open(file, "a capture file")) {
            return ofHead(new String(in.stream().readNBytes(HEAD_BYTES), StandardCharsets.ISO_8859_1));
        } catch (CaptureException | IOException e) {
            return OTHER;       // the parser that reads it says why, if it is chosen by name after all
        }
    }

    /** The kind of a file that begins with {@code head}. */
    static CaptureFileKind ofHead(String head) {
        boolean uffdHeader = false;
        int nonBlank = 0;
        for (String line : head.split("\n")) {
            String l = line.strip();
            nonBlank += l.isEmpty() ? 0 : 1;
            if (l.startsWith("UFFD_EVENT_")) {
                return l.contains(" t=") ? UFFD_LOG_TIMED : UFFD_LOG;
            } else if (RestoreTraceKind.ofLine(l) != null) {
                return UFFD_LOG_TIMED;      // the capture lab's and QEMU's restore traces: every line has its time
            } else if (l.startsWith("# uffd-handler")) {
                if (l.contains("log-format=extended")) {
                    return UFFD_LOG_TIMED;
                }
                uffdHeader = true;
            } else if (l.startsWith("Mapping memory file") || l.startsWith("Create MemRegions")
                    || l.startsWith("Connected to PID")) {
                uffdHeader = true;
            } else if (SECTION.matcher(l).matches() || HEX_LINE.matcher(l).matches()) {
                return MAPPINGS;
            } else if (l.startsWith("Native Memory Tracking") && nonBlank <= 2) {
                return NMT;         // jcmd's output begins so ("PID:" first); notes quoting a summary do not
            }
        }
        return uffdHeader ? UFFD_LOG : OTHER;
    }
}
