package org.uffdvisualizer.model;

/**
 * The owned frames of a {@link PageMappings} in ascending order, a batch at a time, so that page
 * {@code i}'s frame is the i-th: the walk every pass over all pages makes. The frames are decoded
 * from the pages' bitmap (see {@link FrameRank#frames}) into a buffer that the caller reads in a
 * plain loop, as fast as an array of the frames would be. Made by {@link PageMappings#ownedFrames()};
 * not thread-safe.
 *
 * <pre>{@code
 * OwnedFrames owned = mappings.ownedFrames();
 * for (int n = owned.fill(), page = 0; n > 0; n = owned.fill()) {
 *     for (int k = 0; k < n; k++, page++) {
 *         int pfn = owned.frames()[k];
 *     }
 * }
 * }</pre>
 */
public final class OwnedFrames {
    private final FrameRank pages;
    private final int[] buffer = new int[4096];
    private int filled;
    /** The buffer held the last of the frames (it was not filled). */
    private boolean last;

    OwnedFrames(FrameRank pages) {
        this.pages = pages;
    }

    /** Decodes the next frames into {@link #frames()} and returns how many; 0 after the last. */
    public int fill() {
        if (last) {
            return 0;
        }
        // After Integer.MAX_VALUE the frame to look from is negative: there are none.
        filled = pages.frames(filled == 0 ? 0 : buffer[filled - 1] + 1, buffer);
        last = filled < buffer.length;
        return filled;
    }

    /** The frames of the last {@link #fill()}, in its first that many places (do not change them). */
    public int[] frames() {
        return buffer;
    }
}
