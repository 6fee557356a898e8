package org.uffdvisualizer.format;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a uffd handler log in the original handler's format (FORMATS.md section 2), with or
 * without the thread id. Used by tests and by the capture generator.
 */
public final class UffdLogWriter {
    private final Writer out;

    public UffdLogWriter(Writer out) {
        this.out = out;
    }

    /**
     * One served fault.
     *
     * @param thread the faulting thread, or -1 for the original variant without it
     */
    public UffdLogWriter fault(boolean write, int thread, long faultAddress, long pageAddress, boolean zeroed,
                               long from, long to) throws IOException {
        StringBuilder sb = new StringBuilder(120);
        sb.append("UFFD_EVENT_PAGEFAULT (").append(write ? 'w' : 'r').append("): ");
        if (thread >= 0) {
            sb.append(thread).append(' ');
        }
        sb.append(MemMappingWriter.formatHex(faultAddress)).append(' ').append(MemMappingWriter.formatHex(pageAddress));
        // The original variant has two spaces before the action, the thread-id variant one.
        sb.append(thread >= 0 ? " " : "  ").append(zeroed ? "Zeroing: " : "Loading: ");
        sb.append(MemMappingWriter.formatHex(from)).append(" - ").append(MemMappingWriter.formatHex(to)).append('\n');
        out.append(sb);
        return this;
    }

    /**
     * One served fault in the extended format of this project's handler: thread id first, then
     * {@code t=NANOS} (since the handler connected) and {@code gpa=ADDRESS} after the range.
     */
    public UffdLogWriter extendedFault(boolean write, int thread, long faultAddress, long pageAddress, boolean zeroed,
                                       long from, long to, long nanos, long physical) throws IOException {
        StringBuilder sb = new StringBuilder(160);
        sb.append("UFFD_EVENT_PAGEFAULT (").append(write ? 'w' : 'r').append("): ").append(thread).append(' ')
                .append(MemMappingWriter.formatHex(faultAddress)).append(' ')
                .append(MemMappingWriter.formatHex(pageAddress)).append(zeroed ? " Zeroing: " : " Loading: ")
                .append(MemMappingWriter.formatHex(from)).append(" - ").append(MemMappingWriter.formatHex(to))
                .append(" t=").append(nanos).append(" gpa=").append(MemMappingWriter.formatHex(physical)).append('\n');
        out.append(sb);
        return this;
    }

    /** {@code UFFD_EVENT_REMOVE: START - END t=NANOS}, as the extended handler log has it. */
    public UffdLogWriter remove(long start, long end, long nanos) throws IOException {
        out.append("UFFD_EVENT_REMOVE: ").append(MemMappingWriter.formatHex(start)).append(" - ")
                .append(MemMappingWriter.formatHex(end)).append(" t=").append(Long.toString(nanos)).append('\n');
        return this;
    }

    public UffdLogWriter remove(long start, long end) throws IOException {
        out.append("UFFD_EVENT_REMOVE: ").append(MemMappingWriter.formatHex(start)).append(" - ")
                .append(MemMappingWriter.formatHex(end)).append('\n');
        return this;
    }

    /** A header line as the original handler printed it, e.g. {@code Connected to PID 42}. */
    public UffdLogWriter header(String text) throws IOException {
        out.append(text).append('\n');
        return this;
    }
}
