package org.uffdvisualizer.format;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes a physical mapping dump in the walker's exact format (FORMATS.md section 1): numbers as
 * C's {@code %#018lx}, so zero is eighteen zeros without {@code 0x}, and a mapping without a name
 * keeps the space before its (empty) name. Used by tests and by the capture generator.
 */
public final class MemMappingWriter {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private final Writer out;
    private final char[] line = new char[64];
    private final StringBuilder text = new StringBuilder(64);

    public MemMappingWriter(Writer out) {
        this.out = out;
    }

    /** {@code = PID EXE}. */
    public MemMappingWriter section(int pid, String exe) throws IOException {
        text.setLength(0);
        text.append("= ").append(pid).append(' ').append(exe).append('\n');
        out.append(text);
        return this;
    }

    /** {@code v START END NAME}. */
    public MemMappingWriter mapping(long start, long end, String name) throws IOException {
        int n = 0;
        line[n++] = 'v';
        line[n++] = ' ';
        n = hex(start, n);
        line[n++] = ' ';
        n = hex(end, n);
        line[n++] = ' ';
        out.write(line, 0, n);
        out.append(name).append('\n');
        return this;
    }

    /** {@code p VIRT PHYS EXCL FILE} of a process section. */
    public MemMappingWriter processPage(long virt, long phys, boolean exclusive, boolean file) throws IOException {
        int n = 0;
        line[n++] = 'p';
        line[n++] = ' ';
        n = hex(virt, n);
        line[n++] = ' ';
        n = hex(phys, n);
        line[n++] = ' ';
        line[n++] = exclusive ? '1' : '0';
        line[n++] = ' ';
        line[n++] = file ? '1' : '0';
        line[n++] = '\n';
        out.write(line, 0, n);
        return this;
    }

    /** {@code p PHYS KPF} of the kernel or page-cache section. */
    public MemMappingWriter physicalPage(long phys, long kpageflags) throws IOException {
        int n = 0;
        line[n++] = 'p';
        line[n++] = ' ';
        n = hex(phys, n);
        line[n++] = ' ';
        n = hex(kpageflags, n);
        line[n++] = '\n';
        out.write(line, 0, n);
        return this;
    }

    /** Writes {@code %#018lx} of {@code v} at {@code line[n]}; returns the position after it. */
    private int hex(long v, int n) {
        if (v == 0) {
            for (int i = 0; i < 18; i++) {
                line[n + i] = '0';
            }
            return n + 18;
        }
        line[n] = '0';
        line[n + 1] = 'x';
        long rest = v;
        for (int i = 15; i >= 0; i--) {
            line[n + 2 + i] = DIGITS[(int) (rest & 0xf)];
            rest >>>= 4;
        }
        return n + 18;
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
