package org.uffdvisualizer.parse;

import java.nio.charset.StandardCharsets;

/**
 * Reads fields from one line of bytes without allocating: numbers are parsed in place, words are
 * compared in place. A failed read sets {@link #failed()} and returns 0, so a parser reads a
 * whole line and checks once.
 */
final class ByteCursor {
    private byte[] b;
    private int pos;
    private int end;
    private boolean failed;

    void reset(byte[] bytes, int from, int to) {
        b = bytes;
        pos = from;
        end = to;
        failed = false;
    }

    boolean failed() {
        return failed;
    }

    void fail() {
        failed = true;
    }

    /** Forgets an earlier failure, after backtracking. */
    void clearFailure() {
        failed = false;
    }

    int position() {
        return pos;
    }

    void position(int p) {
        pos = p;
    }

    int end() {
        return end;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** The byte at {@code index} of the line, or -1 past its end; the cursor does not move. */
    int byteAt(int index) {
        return index < end ? b[index] : -1;
    }

    /** The next byte, or -1 at the end. */
    int peek() {
        return pos < end ? b[pos] : -1;
    }

    /** The byte at {@code offset} from here, or -1 past the end. */
    int peek(int offset) {
        int i = pos + offset;
        return i < end ? b[i] : -1;
    }

    void skip(int n) {
        pos = Math.min(end, pos + n);
    }

    /** Skips spaces and tabs; returns how many. */
    int skipBlanks() {
        int from = pos;
        while (pos < end && (b[pos] == ' ' || b[pos] == '\t')) {
            pos++;
        }
        return pos - from;
    }

    /** True if only blanks are left. */
    boolean restIsBlank() {
        for (int i = pos; i < end; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Consumes {@code c} if it is next; otherwise marks the line failed. */
    void expect(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
        } else {
            failed = true;
        }
    }

    /** Consumes {@code c} if it is next. */
    boolean accept(char c) {
        if (pos < end && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes the ASCII {@code word} if the line continues with it. */
    boolean accept(String word) {
        int n = word.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** True if the line, from here, starts with the ASCII {@code word} (nothing consumed). */
    boolean startsWith(String word) {
        int p = pos;
        boolean ok = accept(word);
        pos = p;
        return ok;
    }

    /** Index of the next occurrence of ASCII {@code word} from here, or -1. */
    int indexOf(String word) {
        int n = word.length();
        outer:
        for (int i = pos; i + n <= end; i++) {
            for (int j = 0; j < n; j++) {
                if (b[i + j] != word.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Parses a hexadecimal number with or without {@code 0x}, of any width up to 64 bits
     * ({@code 000000000000000000} is zero). Fails on no digits or more than 16 significant ones.
     */
    long hex() {
        if (pos + 1 < end && b[pos] == '0' && (b[pos + 1] == 'x' || b[pos + 1] == 'X')) {
            pos += 2;
        }
        int from = pos;
        long v = 0;
        int significant = 0;
        while (pos < end) {
            int d = hexDigit(b[pos]);
            if (d < 0) {
                break;
            }
            if (significant > 0 || d != 0) {
                significant++;
            }
            v = (v << 4) | d;
            pos++;
        }
        if (pos == from || significant > 16) {
            failed = true;
            return 0;
        }
        return v;
    }

    private static int hexDigit(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Digits a decimal number may have: 10^18 still fits a long. */
    static final int MAX_DIGITS = 18;

    /** Parses an optionally negative decimal number of up to {@value #MAX_DIGITS} digits. */
    long decimal() {
        boolean negative = accept('-');
        int from = pos;
        long v = 0;
        while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
            v = v * 10 + (b[pos] - '0');
            pos++;
        }
        if (pos == from || pos - from > MAX_DIGITS) {
            failed = true;
            return 0;
        }
        return negative ? -v : v;
    }

    /** The rest of the line as text, with trailing blanks removed; null if empty. */
    String restTrimmed() {
        int e = end;
        while (e > pos && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return e > pos ? new String(b, pos, e - pos, StandardCharsets.UTF_8) : null;
    }

    /** Text from here up to (not including) {@code to}, trimmed of blanks on both sides. */
    String textUntil(int to) {
        int s = pos;
        int e = Math.min(to, end);
        while (s < e && (b[s] == ' ' || b[s] == '\t')) {
            s++;
        }
        while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
            e--;
        }
        return new String(b, s, e - s, StandardCharsets.UTF_8);
    }
}
