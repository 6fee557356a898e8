package org.uffdvisualizer.model;

import java.util.Arrays;

/** A growable {@code byte[]} for builders; {@link #toArray()} trims it to its size. */
final class ByteList {
    private byte[] a;
    private int size;

    ByteList(int capacity) {
        a = new byte[Math.max(capacity, 16)];
    }

    void add(byte v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, LongList.grow(a.length));
        }
        a[size++] = v;
    }

    byte get(int i) {
        return a[i];
    }

    void set(int i, byte v) {
        a[i] = v;
    }

    int size() {
        return size;
    }

    byte[] toArray() {
        return Arrays.copyOf(a, size);
    }

}
