package org.uffdvisualizer.format;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a physical mapping dump in the walker's exact format (FORMATS.md section 1): numbers as
 * C's {@code %#018lx}, so zero is eighteen zeros without {@code 0x}, and a mapping without a name
 * keeps the space before its (empty) name. Used by tests and by the capture generator.
 */
public final class MemMappingWriter {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(64);

    public MemMappingWriter(Writer out) {
        this.out = out;
    }

    /** {@code = PID EXE}. */
    public MemMappingWriter section(int pid, String exe) throws IOException {
        line.setLength(0);
        line.append("= ").append(pid).append(' ').append(exe).append('\n');
        return flushLine();
    }

    /** {@code v START END NAME}. */
    public MemMappingWriter mapping(long start, long end, String name) throws IOException {
        line.setLength(0);
        line.append("v ");
        hex(start);
        line.append(' ');
        hex(end);
        line.append(' ').append(name).append('\n');
        return flushLine();
    }

    /** {@code p VIRT PHYS EXCL FILE} of a process section. */
    public MemMappingWriter processPage(long virt, long phys, boolean exclusive, boolean file) throws IOException {
        line.setLength(0);
        line.append("p ");
        hex(virt);
        line.append(' ');
        hex(phys);
        line.append(exclusive ? " 1" : " 0").append(file ? " 1" : " 0").append('\n');
        return flushLine();
    }

    /** {@code p PHYS KPF} of the kernel or page-cache section. */
    public MemMappingWriter physicalPage(long phys, long kpageflags) throws IOException {
        line.setLength(0);
        line.append("p ");
        hex(phys);
        line.append(' ');
        hex(kpageflags);
        line.append('\n');
        return flushLine();
    }

    private MemMappingWriter flushLine() throws IOException {
        out.append(line);
        return this;
    }

    private void hex(long v) {
        line.append(formatHex(v));
    }

    /** C's {@code %#018lx}: "0x" and 16 digits, but zero prints as 18 zeros (the '#' adds no prefix to 0). */
    public static String formatHex(long v) {
        StringBuilder sb = new StringBuilder(18);
        if (v == 0) {
            return "000000000000000000";
        }
        String digits = Long.toHexString(v);
        sb.append("0x");
        for (int i = digits.length(); i < 16; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }
}
