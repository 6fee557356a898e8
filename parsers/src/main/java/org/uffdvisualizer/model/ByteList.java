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
    byte[] raw() {
        return a;
    }

    void setSize(int n) {
        size = n;
    }

    /**
     * The elements as an array: the backing array itself when it is at most an eighth larger than
     * needed (saving a copy of what can be hundreds of MB), otherwise a trimmed copy.
     */
    byte[] toArrayOrBacking() {
        return a.length - size <= size / 8 ? a : Arrays.copyOf(a, size);
    }
}
