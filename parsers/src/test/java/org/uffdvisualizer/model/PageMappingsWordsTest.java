package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Entry words and flags come back as added, however they are kept, and the model stays small. */
class PageMappingsWordsTest {
    private static final long[] ADDRESSES = {
        0, 0x1000, 0x7fff_ffff_f000L, 0xffff_ffff_f000L,        // page aligned, up to 2^48
        0x1_0000_0000_0000L, 0xffff_8000_0000_0000L, -4096,     // at or above 2^48
        0x1234, 0x7f00_0000_0001L, -1,                          // not page aligned
    };
    private static final long[] KPAGEFLAGS = {
        0, 0x800, 0x1_0000_0000L, 0x3c_0000_0028L, 1L << 63, 0x2000_0000_0000_0868L,
    };

    @Test
    void wordsOfEveryShapeAndTheirFlagsComeBackAsAddedOneByOneAndInBlocks() {
        Random random = new Random(15);
        int n = 4000;
        long[] procWords = new long[n];
        long[] kernWords = new long[n];
        int[] pfns = new int[n];
        byte[] flags = new byte[n];
        for (int i = 0; i < n; i++) {
            procWords[i] = random.nextInt(3) == 0 ? ADDRESSES[random.nextInt(ADDRESSES.length)]
                    : (random.nextLong() & 0xffff_ffff_f000L);
            kernWords[i] = random.nextInt(3) == 0 ? random.nextLong() : KPAGEFLAGS[random.nextInt(KPAGEFLAGS.length)];
            pfns[i] = random.nextInt(1 << 24);
            flags[i] = (byte) random.nextInt(8);
        }
        PageMappingsBuilder b = PageMappings.builder(16);
        b.section(7, "proc").mapping(0, -1, "all");
        for (int i = 0; i < n; i++) {
            b.page(procWords[i], pfns[i], flags[i]);
        }
        b.pages(procWords, pfns, flags, 0, n);
        b.section(0, "kernel").mapping(0, 1L << 40, "ram");
        for (int i = 0; i < n; i++) {
            b.page(kernWords[i], pfns[i], flags[i]);
        }
        b.pages(kernWords, pfns, null, 0, n);
        PageMappings m = b.build();

        assertThat(m.entryCount()).isEqualTo(4 * n);
        for (int i = 0; i < n; i++) {
            for (int copy = 0; copy < 2; copy++) {
                int e = copy * n + i;
                assertThat(m.entryWord(e)).as("process entry %d", e).isEqualTo(procWords[i]);
                assertThat(m.entryFlags(e)).as("process entry %d", e).isEqualTo(flags[i]);
                assertThat(m.entryPfn(e)).isEqualTo(pfns[i]);
                int k = 2 * n + e;
                assertThat(m.entryWord(k)).as("kernel entry %d", k).isEqualTo(kernWords[i]);
                assertThat(m.entryFlags(k)).as("kernel entry %d", k).isEqualTo(copy == 0 ? flags[i] : 0);
            }
        }
    }

    /** Issue 15: at most 20 bytes of heap per p line for a large guest (26.5 before). */
    @Test
    void aLargeGuestsModelTakesUnderTwentyBytesPerEntry() {
        int processes = 8;
        int perProcess = 250_000;
        PageMappingsBuilder b = PageMappings.builder(processes * perProcess + 100_000);
        int pfn = 0;
        for (int s = 0; s < processes; s++) {
            b.section(100 + s, "/usr/bin/p" + s).mapping(0x7f00_0000_0000L, 0x7f10_0000_0000L, "[heap]");
            for (int i = 0; i < perProcess; i++) {
                b.page(0x7f00_0000_0000L + 4096L * i, pfn++, 4 | (i & 3));
            }
        }
        b.section(-1, "pagecache").mapping(0, 1L << 34, "/proc/kpageflags");
        for (int i = 0; i < 100_000; i++) {
            b.page(0x2c | (i % 7) << 5, pfn++, 0);
        }
        PageMappings m = b.build();

        assertThat((double) m.heapBytes() / m.entryCount()).isLessThan(20.0);
    }

    /**
     * A guest's owned pages are dense: their frames are kept as a bitmap (a fraction of a byte
     * per page), not as an int each. Per entry: 4 frame, 4 + 1 word and flags, 4 owner, the rest
     * fractions (with an int per page it was over 17).
     */
    @Test
    void denseOwnedPagesCostAFractionOfAByteEach() {
        PageMappingsBuilder b = PageMappings.builder(1 << 20);
        b.section(100, "/usr/bin/java").mapping(0x7f00_0000_0000L, 0x7f10_0000_0000L, "[heap]");
        for (int i = 0; i < 1 << 20; i++) {
            b.page(0x7f00_0000_0000L + 4096L * i, i + (i >>> 4) * 4, 4);   // runs of 16 frames, gaps of 4
        }
        PageMappings m = b.build();

        assertThat(m.pageCount()).isEqualTo(1 << 20);
        assertThat((double) m.heapBytes() / m.entryCount()).isLessThan(13.5);
    }
}
