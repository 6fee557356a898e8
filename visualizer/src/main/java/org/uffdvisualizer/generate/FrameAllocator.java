package org.uffdvisualizer.generate;

import java.util.BitSet;

/**
 * Hands out free RAM frames the way a fragmented guest looks after a while: runs of
 * {@value #RUN} consecutive frames, the runs scattered over all of RAM in a seeded order. The
 * low {@value #RESERVED_BYTES} bytes are left to the kernel image. Remembers which frames it gave
 * out ({@link #owned()}) and which belong to the page cache.
 */
final class FrameAllocator {
    static final int RUN = 16;
    static final long RESERVED_BYTES = 64L << 20;

    private final GuestRam ram;
    private final long firstRun;
    private final long runs;
    private final FramePermutation order;
    private final BitSet owned;
    private final BitSet pageCache;
    private final BitSet mappedFile;
    private long nextRun;
    private long run;
    private int inRun = RUN;
    private long handedOut;

    FrameAllocator(GuestRam ram, long seed) {
        this.ram = ram;
        firstRun = RESERVED_BYTES / GuestRam.PAGE / RUN;
        runs = ram.frames() / RUN - firstRun;
        order = new FramePermutation(runs, seed);
        owned = new BitSet(ram.frames());
        pageCache = new BitSet(ram.frames());
        mappedFile = new BitSet(ram.frames());
    }

    /** A free frame's RAM index. */
    int next() {
        if (inRun == RUN) {
            if (nextRun == runs) {
                throw new IllegalStateException("the guest's RAM is full: lower the resident fraction or add RAM");
            }
            run = firstRun + order.apply(nextRun++);
            inRun = 0;
        }
        int frame = (int) (run * RUN + inRun++);
        owned.set(frame);
        handedOut++;
        return frame;
    }

    /** Frames that can still be handed out. */
    long free() {
        return (runs - nextRun) * RUN + (RUN - inRun);
    }

    long handedOut() {
        return handedOut;
    }

    GuestRam ram() {
        return ram;
    }

    /** Frames somebody owns (allocated here, or the kernel image). */
    BitSet owned() {
        return owned;
    }

    /** Frames listed by the page-cache section. */
    BitSet pageCache() {
        return pageCache;
    }

    /** Page-cache frames that processes map (their kpageflags carry MMAP). */
    BitSet mappedFile() {
        return mappedFile;
    }
}
