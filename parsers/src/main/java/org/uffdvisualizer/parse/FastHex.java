package org.uffdvisualizer.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes the walker's fixed-width numbers ({@code 0x} and 16 hex digits) eight digits at a time
 * (SWAR: all bytes of a {@code long} at once), with full validation; anything else is left to
 * {@link ByteCursor#hex()}. Validation and decoding are separate, so that a line's four groups of
 * eight digits are validated together with one test.
 */
final class FastHex {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH = 0x8080808080808080L;
    private static final long ONES = 0x0101010101010101L;
    private static final long CASE = 0x2020202020202020L;

    private FastHex() {
    }

    /** The 8 bytes at {@code b[at .. at + 8)}, the first in the lowest byte. */
    static long word(byte[] b, int at) {
        return (long) LONGS.get(b, at);
    }

    /** The 4 bytes at {@code b[at .. at + 4)}, the first in the lowest byte. */
    static int quad(byte[] b, int at) {
        return (int) INTS.get(b, at);
    }

    /** 0 if all eight bytes of {@code x} are ASCII hex digits (either case), anything else if not. */
    static long notHex(long x) {
        // A byte below 0x80 carries into the next in none of the sums below; one with its high
        // bit set is neither a digit nor a letter in them, and the first such byte gets no carry.
        long lower = x | CASE;                                       // 'A'-'F' -> 'a'-'f'; digits stay
        long digit = ~(x + ONES * (0x7f - '9')) & (x + ONES * (0x80 - '0'));
        long letter = ~(lower + ONES * (0x7f - 'f')) & (lower + ONES * (0x80 - 'a'));
        return ((digit | letter) & HIGH) ^ HIGH;
    }

    /** The value (0 to 2^32 - 1) of eight hex digits (first digit in the lowest byte) that {@link #notHex} accepted. */
    static long value8(long x) {
        long lower = x | CASE;
        // Nibble per byte: digits are their low four bits, letters those plus 9.
        long v = Long.reverseBytes((lower & 0x0f0f0f0f0f0f0f0fL) + ((lower >>> 6) & ONES) * 9);
        // The first digit is now in the highest byte: fold pairs of bytes, of pairs, of quads.
        v = (v | v >>> 4) & 0x00ff00ff00ff00ffL;
        v = (v | v >>> 8) & 0x0000ffff0000ffffL;
        return (v | v >>> 16) & 0xffffffffL;
    }
}
