package org.uffdvisualizer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without creating an object per line: after {@link #next()} the
 * current line is {@code buffer()[start() .. end())}, without its {@code \n} or {@code \r\n}.
 * The bytes stay valid until the next call.
 *
 * <p>A line longer than {@value #MAX_LINE} bytes is still one line (so later line numbers stay
 * true): only its first bytes are kept, the rest is skipped, and {@link #isOverlong()} says so.
 * A carriage return anywhere but just before the newline is flagged by {@link #hasStrayCr()}.
 * {@link ChunkPipeline} and {@link MemMappingChunk} apply the same two rules.
 */
final class LineReader {
    /** Longest line read whole; no capture format has lines anywhere near it. */
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private byte[] buf = new byte[1 << 18];
    private int fill;        // bytes valid in buf
    private int pos;         // start of the unread part
    private int start;
    private int end;
    private long line;
    private boolean eof;
    private int firstCr = -1;        // offset from pos of the first CR of the line being scanned
    private boolean overlong;
    private boolean strayCr;
    private boolean discarding;      // the rest of an overlong line is still to be skipped

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (discarding && !discardRestOfLine()) {
            return false;
        }
        int scan = pos;
        while (true) {
            for (int i = scan; i < fill; i++) {
                byte b = buf[i];
                if (b <= '\r') {
                    if (b == '\n') {
                        setLine(pos, i);
                        pos = i + 1;
                        return true;
                    }
                    if (b == '\r' && firstCr < 0) {
                        firstCr = i - pos;
                    }
                }
            }
            if (eof) {
                if (pos < fill) {            // last line without a newline
                    setLine(pos, fill);
                    pos = fill;
                    return true;
                }
                return false;
            }
            if (fill - pos > MAX_LINE + 1) { // longer than any line can be, with room for a CR
                setLine(pos, pos + MAX_LINE + 1);
                overlong = true;             // even if the cut fell just after a CR
                pos = fill;
                discarding = true;
                return true;
            }
            scan = fill - pos;
            refill();
            scan += pos;
        }
    }

    /** Skips to just after the next newline; false if the input ends first. */
    private boolean discardRestOfLine() throws IOException {
        while (true) {
            for (int i = pos; i < fill; i++) {
                if (buf[i] == '\n') {
                    pos = i + 1;
                    discarding = false;
                    return true;
                }
            }
            pos = fill;
            if (eof) {
                discarding = false;
                return false;
            }
            refill();
        }
    }

    private void setLine(int from, int to) {
        start = from;
        end = (to > from && buf[to - 1] == '\r') ? to - 1 : to;
        overlong = end - start > MAX_LINE;
        strayCr = firstCr >= 0 && firstCr < Math.min(end - start, MAX_LINE);
        firstCr = -1;
        line++;
    }

    private void refill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, fill - pos);
            fill -= pos;
            pos = 0;
        }
        if (fill == buf.length) {
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + (1 << 18)));
        }
        int n = in.read(buf, fill, buf.length - fill);
        if (n < 0) {
            eof = true;
        } else {
            fill += n;
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return line;
    }

    /** True if the current line is longer than {@value #MAX_LINE} bytes; only its start is in the buffer. */
    boolean isOverlong() {
        return overlong;
    }

    /** True if the current line has a carriage return before its end (CR-only line ends, or a damaged line). */
    boolean hasStrayCr() {
        return strayCr;
    }

    /** The current line as text for messages, shortened to 200 characters. */
    String text() {
        int len = Math.min(end - start, 200);
        String s = new String(buf, start, len, StandardCharsets.UTF_8);
        return len < end - start ? s + "..." : s;
    }
}
