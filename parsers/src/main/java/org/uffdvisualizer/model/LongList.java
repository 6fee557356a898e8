package org.uffdvisualizer.model;

import java.util.Arrays;

/** A growable {@code long[]} for builders; {@link #toArray()} trims it to its size. */
final class LongList {
    private long[] a;
    private int size;

    LongList(int capacity) {
        a = new long[Math.max(capacity, 16)];
    }

    void add(long v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, grow(a.length));
        }
        a[size++] = v;
    }

    long get(int i) {
        return a[i];
    }

    void set(int i, long v) {
        a[i] = v;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(a, size);
    }

    static int grow(int length) {
        int n = length + (length >> 1) + 16;
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("more than " + length + " entries");
        }
        return n;
    }

    int capacity() {
        return a.length;
    }

    /** Makes room for {@code n} elements in all (one copy at most). */
    void ensureCapacity(int n) {
        if (n > a.length) {
            a = Arrays.copyOf(a, n);
        }
    }

    /** The backing array itself (valid up to {@link #size()}), for bulk appends by the owner. */
    long[] raw() {
        return a;
    }

    void setSize(int n) {
        size = n;
    }

    /**
     * The elements as an array: the backing array itself when it is at most an eighth larger than
     * needed (saving a copy of what can be hundreds of MB), otherwise a trimmed copy.
     */
    long[] toArrayOrBacking() {
        return a.length - size <= size / 8 ? a : Arrays.copyOf(a, size);
    }
}
