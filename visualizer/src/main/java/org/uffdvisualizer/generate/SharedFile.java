package org.uffdvisualizer.generate;

import java.util.Arrays;

/**
 * A file processes map (an executable, a library, the JDK's modules image, a CDS archive): its
 * pages that are in the page cache have one frame each, which every process mapping the file
 * shares. Frames are assigned when the capture is planned, before any process is written.
 */
final class SharedFile {
    final String path;
    /** RAM index of each page of the file, or -1 if that page is not cached. */
    final int[] frames;

    SharedFile(String path, int pages, double cached, FrameAllocator frames, Rng rng) {
        this.path = path;
        this.frames = new int[pages];
        Arrays.fill(this.frames, -1);
        for (int p = 0; p < pages; p++) {
            if (rng.chance(cached)) {
                int f = frames.next();
                this.frames[p] = f;
                frames.pageCache().set(f);
            }
        }
    }

    int pages() {
        return frames.length;
    }
}
