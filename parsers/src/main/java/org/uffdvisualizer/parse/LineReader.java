package org.uffdvisualizer.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without creating an object per line: after {@link #next()} the
 * current line is {@code buffer()[start() .. end())}, without its {@code \n} or {@code \r\n}.
 * The bytes stay valid until the next call.
 */
final class LineReader {
    /** Longest line kept whole; a longer one is cut into pieces of this size (no capture has such lines). */
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private byte[] buf = new byte[1 << 18];
    private int fill;        // bytes valid in buf
    private int pos;         // start of the unread part
    private int start;
    private int end;
    private long line;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            for (int i = pos; i < fill; i++) {
                if (buf[i] == '\n') {
                    setLine(pos, i);
                    pos = i + 1;
                    return true;
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
            if (fill - pos >= MAX_LINE) {    // absurdly long line: hand out a piece of it
                setLine(pos, pos + MAX_LINE);
                pos += MAX_LINE;
                return true;
            }
            refill();
        }
    }

    private void setLine(int from, int to) {
        start = from;
        end = (to > from && buf[to - 1] == '\r') ? to - 1 : to;
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

    /** The current line as text for messages, shortened to 200 characters. */
    String text() {
        int len = Math.min(end - start, 200);
        String s = new String(buf, start, len, StandardCharsets.UTF_8);
        return len < end - start ? s + "..." : s;
    }
}
