package org.uffdvisualizer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FrameRank} must answer exactly what a binary search over the sorted frames answers, for
 * frames in the set, between them, below, above, negative, and at word edges.
 */
class FrameRankTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /**
     * Property: random sets (dense runs like a guest's, scattered single frames, word-edge
     * frames; sometimes a frame far above the rest, which makes the set sparse) agree with
     * {@code Arrays.binarySearch} on every frame from -2 to past the highest, or on a random
     * sample when that range is large.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithBinarySearch(long seed) {
        Random rnd = new Random(seed);
        int[] frames = randomFrames(rnd);
        FrameRank rank = FrameRank.of(frames);
        int highest = frames.length == 0 ? 0 : frames[frames.length - 1];
        if (highest < 1 << 20) {
            for (int pfn = -2; pfn <= highest + 130; pfn++) {
                assertThat(rank.indexOf(pfn)).as("pfn %d", pfn).isEqualTo(Arrays.binarySearch(frames, pfn));
            }
        } else {
            for (int i = 0; i < 200_000; i++) {
                int pfn = rnd.nextInt(4) == 0 && frames.length > 0 ? frames[rnd.nextInt(frames.length)]
                        : rnd.nextInt(Integer.MAX_VALUE);
                assertThat(rank.indexOf(pfn)).as("pfn %d", pfn).isEqualTo(Arrays.binarySearch(frames, pfn));
            }
        }
        for (int i = 0; i < frames.length; i++) {
            assertThat(rank.indexOf(frames[i])).isEqualTo(i);
        }
        assertThat(FrameRank.heapBytes(frames)).isEqualTo(rank.heapBytes());
        assertThat(rank.indexOf(Integer.MAX_VALUE)).isEqualTo(Arrays.binarySearch(frames, Integer.MAX_VALUE));
        assertThat(rank.indexOf(Integer.MIN_VALUE)).isEqualTo(-1);
    }

    /**
     * Property: the same sets, walked from frame to frame ({@code nextFrame}) and looked up by
     * position ({@code frameAt}), give back the sorted frames; made from per-bucket bitmaps (as
     * the index makes them) they answer as made from the frames.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void walksAndPositionsGiveTheSortedFrames(long seed) {
        Random rnd = new Random(seed);
        int[] frames = randomFrames(rnd);
        FrameRank rank = FrameRank.of(frames);
        assertThat(rank.count()).isEqualTo(frames.length);
        assertThat(rank.highest()).isEqualTo(frames.length == 0 ? -1 : frames[frames.length - 1]);
        int f = rank.nextFrame(0);
        for (int i = 0; i < frames.length; i++) {
            assertThat(f).as("frame %d, walked", i).isEqualTo(frames[i]);
            assertThat(rank.frameAt(i)).as("frame %d, by position", i).isEqualTo(frames[i]);
            if (i > 0 && frames[i] - frames[i - 1] > 1) {
                assertThat(rank.nextFrame(frames[i - 1] + 1 + rnd.nextInt(frames[i] - frames[i - 1] - 1)))
                        .as("the next frame from a gap before frame %d", i).isEqualTo(frames[i]);
            }
            f = rank.nextFrame(f + 1);
        }
        assertThat(f).as("after the last").isEqualTo(-1);
        assertThat(rank.nextFrame(-5)).isEqualTo(-1);
        // In batches of a random size from a random frame on, as OwnedFrames decodes them.
        int[] batch = new int[1 + rnd.nextInt(100)];
        int from = frames.length == 0 ? 0 : rnd.nextInt(frames[frames.length - 1] + 2);
        int found = Arrays.binarySearch(frames, from);
        int i = found >= 0 ? found : -found - 1;
        for (int n = rank.frames(from, batch); n > 0; n = rank.frames(batch[n - 1] + 1, batch)) {
            for (int k = 0; k < n; k++, i++) {
                assertThat(batch[k]).as("frame %d in batches from %d", i, from).isEqualTo(frames[i]);
            }
        }
        assertThat(i).as("frames in batches from %d", from).isEqualTo(frames.length);
        assertThat(rank.frames(-3, batch)).isZero();
        if (frames.length > 0 && FrameRank.fitsBitmap(frames[frames.length - 1], frames.length)) {
            int wordsPerBucket = 1 << (1 + rnd.nextInt(10));
            long[][] bits = new long[(frames[frames.length - 1] >>> 6) / wordsPerBucket + 1][];
            for (int pfn : frames) {
                int w = pfn >>> 6;
                if (bits[w / wordsPerBucket] == null) {
                    bits[w / wordsPerBucket] = new long[wordsPerBucket];
                }
                bits[w / wordsPerBucket][w % wordsPerBucket] |= 1L << pfn;
            }
            FrameRank fromBits = FrameRank.ofBuckets(bits, wordsPerBucket, frames.length, frames[frames.length - 1]);
            assertThat(fromBits.heapBytes()).isEqualTo(rank.heapBytes());
            for (int k = 0; k < frames.length; k++) {
                assertThat(fromBits.indexOf(frames[k])).isEqualTo(k);
                assertThat(fromBits.frameAt(k)).isEqualTo(frames[k]);
            }
            for (int pfn = -1; pfn <= Math.min(frames[frames.length - 1] + 70, 1 << 20); pfn += 1 + rnd.nextInt(3)) {
                assertThat(fromBits.indexOf(pfn)).as("pfn %d", pfn).isEqualTo(rank.indexOf(pfn));
            }
        }
    }

    private static int[] randomFrames(Random rnd) {
        int limit = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 << 10 : 1 << 18);
        int style = rnd.nextInt(4);
        IntStream.Builder b = IntStream.builder();
        for (int pfn = 0; pfn < limit; pfn++) {
            boolean in = switch (style) {
                case 0 -> rnd.nextInt(4) != 0;                        // dense, like a 75% owned guest
                case 1 -> rnd.nextInt(100) == 0;                      // scattered
                case 2 -> (pfn & 63) == 0 || (pfn & 63) == 63;        // only word edges
                default -> (pfn / 16) % 3 != 1;                       // runs of 16, as frames are handed out
            };
            if (in) {
                b.add(pfn);
            }
        }
        if (rnd.nextInt(5) == 0) {
            b.add(limit + rnd.nextInt(Integer.MAX_VALUE - limit));    // one frame far above: a sparse set
        }
        return b.build().toArray();
    }

    /** PageMappings.pageIndex goes through the rank: same answers as searching its pages. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pageMappingsFindsItsPagesThroughTheRank(long seed) {
        Random rnd = new Random(seed);
        PageMappingsBuilder b = PageMappings.builder();
        for (int s = 0; s < 1 + rnd.nextInt(4); s++) {
            b.section(100 + s, "/bin/p" + s).mapping(0x400000, 0x800000, "x");
            for (int e = rnd.nextInt(3000); e > 0; e--) {
                b.page(0x400000 + 4096L * e, rnd.nextInt(1 << 14), 0);
            }
        }
        PageMappings m = b.build();
        int[] pages = IntStream.range(0, m.pageCount()).map(m::pagePfn).toArray();
        for (int pfn = -1; pfn <= (1 << 14) + 64; pfn++) {
            assertThat(m.pageIndex(pfn)).as("pfn %d", pfn).isEqualTo(Arrays.binarySearch(pages, pfn));
        }
    }

    @Test
    void emptySetHasNoFrames() {
        FrameRank rank = FrameRank.of(new int[0]);
        assertThat(rank.count()).isZero();
        assertThat(rank.highest()).isEqualTo(-1);
        assertThat(rank.nextFrame(0)).isEqualTo(-1);
        assertThat(rank.indexOf(0)).isEqualTo(-1);
        assertThat(rank.indexOf(12345)).isEqualTo(-1);
        assertThat(rank.indexOf(-7)).isEqualTo(-1);
        assertThat(rank.heapBytes()).isZero();
    }

    @Test
    void denseSetCostsTwelveBytesPer64Frames() {
        int[] frames = IntStream.range(0, 64 * 1000).filter(f -> f % 4 != 0).toArray();
        FrameRank rank = FrameRank.of(frames);
        assertThat(rank.heapBytes()).isEqualTo(12L * 1000);
        assertThat(rank.indexOf(5)).isEqualTo(3);
        assertThat(rank.indexOf(4)).isEqualTo(-4);
    }

    @Test
    void fewFramesFarUpAreSearchedInsteadOfGivenABitmap() {
        int[] frames = {3, 1 << 30};
        FrameRank rank = FrameRank.of(frames);
        assertThat(rank.heapBytes()).isZero();
        assertThat(rank.indexOf(1 << 30)).isEqualTo(1);
        assertThat(rank.indexOf(4)).isEqualTo(-2);
        assertThat(rank.indexOf((1 << 30) + 1)).isEqualTo(-3);
    }
}
