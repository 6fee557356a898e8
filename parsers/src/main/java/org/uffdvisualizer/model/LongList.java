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
}
