package org.uffdvisualizer.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the walker's fixed-width numbers ({@code 0x} and 16 hex digits) eight digits at a time
 * (SWAR: all bytes of a {@code long} at once), with full validation; anything else is left to
 * {@link ByteCursor#hex()}.
 */
final class FastHex {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private FastHex() {
    }

    /**
     * The value of the 8 hex digits at {@code b[at .. at + 8)} (0 to 2^32 - 1), or -1 if they are
     * not 8 hex digits. The caller makes sure the 8 bytes exist.
     */
    static long digits8(byte[] b, int at) {
        return digits8((long) LONGS.get(b, at));
    }

    /** Eight ASCII hex digits (first digit in the lowest byte) as a 32-bit value, or -1. */
    static long digits8(long x) {
        if ((x & HIGH) != 0) {
            return -1;
        }
        long lower = x | 0x2020202020202020L;                       // 'A'-'F' -> 'a'-'f'; digits stay
        long digit = ~(x + ONES * (0x7f - '9')) & (x + ONES * (0x80 - '0')) & HIGH;
        long letter = ~(lower + ONES * (0x7f - 'f')) & (lower + ONES * (0x80 - 'a')) & HIGH;
        if ((digit | letter) != HIGH) {
            return -1;
        }
        // Nibble per byte: digits are their low four bits, letters those plus 9.
        long v = (lower & 0x0f0f0f0f0f0f0f0fL) + ((lower >>> 6) & ONES) * 9;
        v = ((v << 4) | (v >>> 8)) & 0x00ff00ff00ff00ffL;
        v = ((v << 8) | (v >>> 16)) & 0x0000ffff0000ffffL;
        return ((v << 16) | (v >>> 32)) & 0xffffffffL;
    }
}
