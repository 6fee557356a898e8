package org.uffdvisualizer.generate;

/**
 * The guest's RAM as Firecracker lays it out on x86_64: frames are numbered by their place in the
 * memory file ("RAM index"); the first 3 GiB sit at guest-physical 0, the rest from 4 GiB on,
 * past the MMIO hole, where no page may appear.
 */
final class GuestRam {
    static final int PAGE = 4096;
    static final long GIB = 1L << 30;
    static final long HOLE_START = 3 * GIB;
    static final long HOLE_END = 4 * GIB;
    private static final long LOW_FRAMES = HOLE_START / PAGE;
    private static final long HOLE_FRAMES = (HOLE_END - HOLE_START) / PAGE;

    private final long bytes;

    GuestRam(long bytes) {
        if (bytes < (256L << 20) || bytes % (1L << 20) != 0) {
            throw new IllegalArgumentException("guest RAM must be a whole number of MiB, at least 256 MiB");
        }
        this.bytes = bytes;
    }

    long bytes() {
        return bytes;
    }

    /** Frames of RAM (the memory file's size in pages). */
    int frames() {
        return (int) (bytes / PAGE);
    }

    /** Guest-physical address of RAM frame {@code index}. */
    long physical(long index) {
        long pfn = index < LOW_FRAMES ? index : index + HOLE_FRAMES;
        return pfn * PAGE;
    }

    /** End of RAM in guest-physical space (exclusive): what the page-cache section's v line says. */
    long physicalEnd() {
        return physical(frames() - 1) + PAGE;
    }

    /** The memory-file offset of RAM frame {@code index}. */
    static long fileOffset(long index) {
        return index * PAGE;
    }
}
