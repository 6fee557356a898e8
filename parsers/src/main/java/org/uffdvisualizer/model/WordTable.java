package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * The distinct 64-bit words that do not fit an entry's 36-bit page number: the kpageflags words
 * of kernel and page-cache pages (a few hundred distinct values among millions of pages) and any
 * virtual address that is not page aligned or lies above 2^48. Each is stored once and named by
 * its index. Open addressing on a {@code long[]}, no object per word. Not thread-safe while
 * being filled; read-only afterwards.
 */
final class WordTable {
    private long[] words = new long[16];
    private int size;
    private int[] slots = new int[64];       // index + 1, 0 = empty
    private long lastWord;
    private int lastIndex = -1;

    /** The index of {@code w}, added if new. */
    int indexOf(long w) {
        if (lastIndex >= 0 && lastWord == w) {
            return lastIndex;                // neighbouring pages mostly carry the same flags
        }
        int mask = slots.length - 1;
        int h = hash(w) & mask;
        while (slots[h] != 0) {
            int i = slots[h] - 1;
            if (words[i] == w) {
                return remember(w, i);
            }
            h = (h + 1) & mask;
        }
        if (size == words.length) {
            words = Arrays.copyOf(words, 2 * size);
        }
        words[size] = w;
        slots[h] = size + 1;
        size++;
        if (2 * size > slots.length) {
            rehash();
        }
        return remember(w, size - 1);
    }

    long word(int index) {
        return words[index];
    }

    /** The words in index order, trimmed: what a built model keeps. */
    long[] toArray() {
        return Arrays.copyOf(words, size);
    }

    private int remember(long w, int i) {
        lastWord = w;
        lastIndex = i;
        return i;
    }

    private void rehash() {
        slots = new int[2 * slots.length];
        int mask = slots.length - 1;
        for (int i = 0; i < size; i++) {
            int h = hash(words[i]) & mask;
            while (slots[h] != 0) {
                h = (h + 1) & mask;
            }
            slots[h] = i + 1;
        }
    }

    private static int hash(long w) {
        long x = w * 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 32));
    }
}
