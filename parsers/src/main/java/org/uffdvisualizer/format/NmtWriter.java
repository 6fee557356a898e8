package org.uffdvisualizer.format;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes the virtual memory map part of NMT detail as JDK 17 (tab-indented committed regions,
 * one-space separators) or JDK 25 (eight spaces, empty separators) prints it. Used by tests and
 * by the capture generator; stack frames are stand-ins.
 */
public final class NmtWriter {
    /** Which JDK's shape to write. */
    public enum Style { JDK17, JDK25 }

    private final Writer out;
    private final Style style;

    public NmtWriter(Writer out, Style style) {
        this.out = out;
        this.style = style;
    }

    /** jcmd's first line, the summary stand-in, and the map's heading. */
    public NmtWriter header(int pid) throws IOException {
        out.append(Integer.toString(pid)).append(":\n\nNative Memory Tracking:\n\n");
        out.append("Total: reserved=0KB, committed=0KB\n\n");
        out.append("Virtual memory map:\n").append(separator());
        return this;
    }

    public NmtWriter reserved(long start, long end, boolean alsoCommitted, String category) throws IOException {
        out.append(range(start, end)).append(alsoCommitted ? " reserved and committed " : " reserved ")
                .append(Long.toString((end - start) / 1024)).append("KB for ").append(category).append(" from\n");
        frame("    ", "ReservedSpace::reserve(unsigned long)+0xac");
        out.append(separator());
        return this;
    }

    /** A committed sub-region; {@code withStack} false gives the stack-less form of thread stacks. */
    public NmtWriter committed(long start, long end, boolean withStack) throws IOException {
        String indent = style == Style.JDK17 ? "\t" : "        ";
        out.append(indent).append(range(start, end)).append(" committed ").append(Long.toString((end - start) / 1024))
                .append("KB");
        if (withStack) {
            out.append(" from\n");
            frame("            ", "VirtualSpace::expand_by(unsigned long, bool)+0xe3");
        } else {
            out.append(style == Style.JDK17 ? " \n" : "\n");
        }
        out.append(separator());
        return this;
    }

    public NmtWriter end() throws IOException {
        out.append(style == Style.JDK25 ? "Memory file details\n\n" : "").append("Details:\n\n");
        return this;
    }

    private void frame(String indent, String symbol) throws IOException {
        out.append(indent).append("[0x00007f74f231953c]").append(style == Style.JDK17 ? " " : "").append(symbol)
                .append(style == Style.JDK25 ? " in libjvm.so\n" : "\n");
    }

    private String separator() {
        return style == Style.JDK17 ? " \n" : "\n";
    }

    private static String range(long start, long end) {
        return "[" + MemMappingWriter.formatHex(start) + " - " + MemMappingWriter.formatHex(end) + "]";
    }
}
