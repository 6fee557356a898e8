package org.uffdvisualizer.parse;

import org.uffdvisualizer.model.GuestLimits;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * One chunk of a mem_mapping dump, parsed on a worker thread without knowing which section it
 * lies in: {@code p} lines become entries holding both numbers as written and, per entry, which
 * section kinds would reject the line ({@link #shape}); section and mapping lines become events
 * in between. {@link MemMappingParser} puts chunks together in file order and decides.
 *
 * <p>Line numbers and texts are not kept per entry: when an entry turns out to be bad (rare),
 * {@link #locateEntry} finds its line again in the chunk's bytes.
 */
final class MemMappingChunk {
    /** Shape bits: a process section rejects the line (bad EXCL/FILE flags). */
    static final byte BAD_IN_PROCESS = 1;
    /** Shape bits: the kernel and page-cache sections reject it (something after the two numbers). */
    static final byte BAD_IN_KERNEL = 2;
    /** Shape bits: the two numbers are not hexadecimal. */
    static final byte BAD_NUMBERS = 4;
    /** Shape bits: read as a process page, the physical address is beyond the largest supported guest. */
    static final byte BEYOND_IN_PROCESS = 8;
    /** Shape bits: read as a kernel or page-cache page, the physical address is beyond the largest guest. */
    static final byte BEYOND_IN_KERNEL = 16;

    static final byte SECTION = 1;
    static final byte BAD_SECTION = 2;
    static final byte MAPPING = 3;
    static final byte BAD_MAPPING = 4;
    static final byte BAD_LINE = 5;
    /** A line longer than {@link LineReader#MAX_LINE} (only its start is in the chunk). */
    static final byte OVERLONG_LINE = 6;
    /** A line with a carriage return before its end. */
    static final byte STRAY_CR_LINE = 7;

    /** {@code "p 0x"} and {@code " 0x"} as {@link FastHex#quad} reads them. */
    private static final int P_0X = 'p' | ' ' << 8 | '0' << 16 | 'x' << 24;
    private static final int SPACE_0X = ' ' | '0' << 8 | 'x' << 16;

    int lines;
    int entries;
    long[] first = new long[1024];
    long[] second = new long[1024];
    byte[] flags = new byte[1024];
    byte[] shape = new byte[1024];
    /** The frame number each entry has if it is in a process section (second number) or not (first). */
    int[] pfnInProcess = new int[1024];
    int[] pfnInKernel = new int[1024];
    /** OR of all shapes: 0 means every entry is fine in any section. */
    int shapes;

    int events;
    byte[] eventType = new byte[16];
    int[] eventEntry = new int[16];
    int[] eventLine = new int[16];
    int[] eventStart = new int[16];
    long[] eventA = new long[16];
    long[] eventB = new long[16];
    String[] eventText = new String[16];

    private final ByteCursor cursor = new ByteCursor();

    /** Parses {@code b[offset .. length)} into this (reused) object. */
    MemMappingChunk parse(byte[] b, int offset, int length) {
        lines = 0;
        entries = 0;
        events = 0;
        shapes = 0;
        int capacity = (length - offset) / 40 + 16;
        if (first.length < capacity) {
            first = new long[capacity];
            second = new long[capacity];
            flags = new byte[capacity];
            shape = new byte[capacity];
            pfnInProcess = new int[capacity];
            pfnInKernel = new int[capacity];
        }
        int pos = offset;
        while (pos < length) {
            int next = fastPage(b, pos, length);
            if (next < 0) {
                next = slowLine(b, pos, length);
            }
            pos = next;
            lines++;
        }
        return this;
    }

    /**
     * The walker's own shapes, {@code p 0x<16> 0x<16>} and {@code p 0x<16> 0x<16> D D}, with a
     * newline: parsed in place. Returns the position after the line, or -1 for anything else.
     */
    private int fastPage(byte[] b, int pos, int length) {
        int q = pos + 39;                          // just after the second number
        if (q >= length) {
            return -1;
        }
        long a1 = FastHex.word(b, pos + 4);
        long a2 = FastHex.word(b, pos + 12);
        long b1 = FastHex.word(b, pos + 23);
        long b2 = FastHex.word(b, pos + 31);
        // "p 0x", " 0x" and 32 hex digits checked with one test: a line of another shape is rare.
        if (((FastHex.quad(b, pos) ^ P_0X) | ((FastHex.quad(b, pos + 20) & 0xffffff) ^ SPACE_0X)
                | FastHex.notHex(a1) | FastHex.notHex(a2) | FastHex.notHex(b1) | FastHex.notHex(b2)) != 0) {
            return -1;
        }
        byte f;
        byte s;
        int end;
        if (b[q] == '\n') {
            f = 0;
            s = 0;
            end = q + 1;
        } else if (q + 4 < length && b[q] == ' ' && b[q + 2] == ' ' && b[q + 4] == '\n'
                && (((b[q + 1] - '0') | (b[q + 3] - '0')) & ~1) == 0) {
            // Both flags 0 or 1 in one test: a test per value would be a branch whose outcome
            // depends on the data, and the JIT compiles the outcome its first lines never had as a
            // trap that throws the compiled parser away.
            f = (byte) (4 | (b[q + 1] - '0') | (b[q + 3] - '0') << 1);
            s = BAD_IN_KERNEL;
            end = q + 5;
        } else {
            return -1;
        }
        add(FastHex.value8(a1) << 32 | FastHex.value8(a2), FastHex.value8(b1) << 32 | FastHex.value8(b2), f, s);
        return end;
    }

    /** Any line, as the line-by-line parser reads it; returns the position after it. */
    private int slowLine(byte[] b, int pos, int length) {
        int nl = pos;
        while (nl < length && b[nl] != '\n') {
            nl++;
        }
        int end = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl;
        byte damage = damage(b, pos, end);
        if (damage != 0) {
            event(damage, pos, 0, 0, null);
            return nl < length ? nl + 1 : length;
        }
        ByteCursor c = cursor;
        c.reset(b, pos, end);
        int tag = c.peek();
        if (tag == 'p' && c.peek(1) == ' ') {
            page(c);
        } else if (tag == 'v' && c.peek(1) == ' ') {
            mapping(c, pos);
        } else if (tag == '=' && c.peek(1) == ' ') {
            section(c, pos);
        } else if (!c.restIsBlank()) {
            event(BAD_LINE, pos, 0, 0, null);
        }
        return nl < length ? nl + 1 : length;
    }

    /**
     * {@link #STRAY_CR_LINE} or {@link #OVERLONG_LINE} if the line {@code b[from .. end)} (without its
     * line end) is damaged that way, as {@link LineReader} judges lines; 0 if it is not.
     */
    private static byte damage(byte[] b, int from, int end) {
        int crUpTo = Math.min(end, from + LineReader.MAX_LINE);
        for (int i = from; i < crUpTo; i++) {
            if (b[i] == '\r') {
                return STRAY_CR_LINE;
            }
        }
        return end - from > LineReader.MAX_LINE ? OVERLONG_LINE : 0;
    }

    private void page(ByteCursor c) {
        c.skip(2);
        long a = c.hex();
        c.expect(' ');
        long v = c.hex();
        if (c.failed()) {
            add(0, 0, (byte) 0, BAD_NUMBERS);
            return;
        }
        byte s = c.restIsBlank() ? 0 : BAD_IN_KERNEL;
        int f = 0;
        if (c.skipBlanks() > 0 && !c.atEnd()) {
            int excl = c.peek() - '0';
            c.skip(1);
            c.expect(' ');
            int file = c.peek() - '0';
            c.skip(1);
            if (c.failed() || (excl & ~1) != 0 || (file & ~1) != 0 || !c.restIsBlank()) {
                s |= BAD_IN_PROCESS;
            } else {
                f = 4 | excl | file << 1;
            }
        }
        add(a, v, (byte) f, s);
    }

    private void mapping(ByteCursor c, int lineStart) {
        c.skip(2);
        long start = c.hex();
        c.expect(' ');
        long end = c.hex();
        if (c.failed() || !(c.atEnd() || c.peek() == ' ')) {
            event(BAD_MAPPING, lineStart, 0, 0, null);
            return;
        }
        c.accept(' ');
        event(MAPPING, lineStart, start, end, c.restTrimmed());
    }

    private void section(ByteCursor c, int lineStart) {
        c.skip(2);
        c.skipBlanks();
        long pid = c.decimal();
        if (c.failed() || pid < -1 || pid > Integer.MAX_VALUE || !(c.atEnd() || c.peek() == ' ')) {
            event(BAD_SECTION, lineStart, 0, 0, null);
            return;
        }
        c.accept(' ');
        event(SECTION, lineStart, pid, 0, c.restTrimmed());
    }

    private void add(long a, long v, byte f, byte s) {
        int n = entries;
        if (n == first.length) {
            int cap = n + (n >> 1) + 16;
            first = java.util.Arrays.copyOf(first, cap);
            second = java.util.Arrays.copyOf(second, cap);
            flags = java.util.Arrays.copyOf(flags, cap);
            shape = java.util.Arrays.copyOf(shape, cap);
            pfnInProcess = java.util.Arrays.copyOf(pfnInProcess, cap);
            pfnInKernel = java.util.Arrays.copyOf(pfnInKernel, cap);
        }
        long p = v >>> PhysicalLayout.PAGE_SHIFT;
        long k = a >>> PhysicalLayout.PAGE_SHIFT;
        // Without branches, for the same reason as the flags in fastPage: the first virtual
        // address below 8 TiB (a Java heap, say) threw the compiled parser away.
        byte sh = (byte) (s | beyond(p) * BEYOND_IN_PROCESS | beyond(k) * BEYOND_IN_KERNEL);
        first[n] = a;
        second[n] = v;
        flags[n] = f;
        shape[n] = sh;
        pfnInProcess[n] = (int) p;
        pfnInKernel[n] = (int) k;
        shapes |= sh;
        entries = n + 1;
    }

    /** 1 if frame number {@code pfn} (0 to 2^52) is beyond the largest supported guest, else 0. */
    private static int beyond(long pfn) {
        return (int) ((GuestLimits.MAX_FRAMES - 1 - pfn) >>> 63);
    }

    private void event(byte type, int lineStart, long a, long v, String text) {
        int n = events;
        if (n == eventType.length) {
            int cap = 2 * n;
            eventType = java.util.Arrays.copyOf(eventType, cap);
            eventEntry = java.util.Arrays.copyOf(eventEntry, cap);
            eventLine = java.util.Arrays.copyOf(eventLine, cap);
            eventStart = java.util.Arrays.copyOf(eventStart, cap);
            eventA = java.util.Arrays.copyOf(eventA, cap);
            eventB = java.util.Arrays.copyOf(eventB, cap);
            eventText = java.util.Arrays.copyOf(eventText, cap);
        }
        eventType[n] = type;
        eventEntry[n] = entries;
        eventLine[n] = lines;
        eventStart[n] = lineStart;
        eventA[n] = a;
        eventB[n] = v;
        eventText[n] = text;
        events = n + 1;
    }

    /**
     * Finds entry {@code k}'s line again: {line index in the chunk, offset of its first byte}.
     * Entries are exactly the lines starting with {@code "p "} that are not {@link #damage damaged}.
     */
    static int[] locateEntry(byte[] b, int offset, int length, int k) {
        int pos = offset;
        int line = 0;
        int seen = 0;
        while (pos < length) {
            int nl = pos;
            while (nl < length && b[nl] != '\n') {
                nl++;
            }
            int end = nl > pos && b[nl - 1] == '\r' ? nl - 1 : nl;
            if (b[pos] == 'p' && pos + 1 < length && b[pos + 1] == ' ' && damage(b, pos, end) == 0 && seen++ == k) {
                return new int[] {line, pos};
            }
            pos = nl + 1;
            line++;
        }
        throw new IllegalStateException("entry " + k + " not in chunk");
    }
}
