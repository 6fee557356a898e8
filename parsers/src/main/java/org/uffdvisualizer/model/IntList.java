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

}
