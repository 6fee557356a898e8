package org.uffdvisualizer.model;

import java.util.Arrays;

/** A growable {@code int[]} for builders; {@link #toArray()} trims it to its size. */
final class IntList {
    private int[] a;
    private int size;

    IntList(int capacity) {
        a = new int[Math.max(capacity, 16)];
    }

    void add(int v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, LongList.grow(a.length));
        }
        a[size++] = v;
    }

    int get(int i) {
        return a[i];
    }

    void set(int i, int v) {
        a[i] = v;
    }

    int size() {
        return size;
    }

    int[] toArray() {
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
    int[] raw() {
        return a;
    }

    void setSize(int n) {
        size = n;
    }

    /**
     * The elements as an array: the backing array itself when it is at most an eighth larger than
     * needed (saving a copy of what can be hundreds of MB), otherwise a trimmed copy.
     */
    int[] toArrayOrBacking() {
        return a.length - size <= size / 8 ? a : Arrays.copyOf(a, size);
    }
}
