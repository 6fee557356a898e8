package org.uffdvisualizer.render;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a {@link PageGrid} lays out and colours a capture. Start from {@link #defaults()} and
 * change what differs: {@code GridOptions.defaults().withWidth(512).withPalette(Palette.DARK)}.
 *
 * @param width         cells per row; 0 chooses a power of two that makes the grid about square
 * @param frameCount    frames to show (the original tool's {@code uffdVisualizer.physicalMemory} / 4 KiB):
 *                      fewer than the capture's cuts the grid, more adds frames drawn as holes;
 *                      0 shows the capture's address space
 * @param framesPerCell 4 KiB frames one cell stands for: a power of two (1 for one cell per page,
 *                      512 for one per 2 MiB); see {@link PageGrid#framesPerCell(long)}
 * @param palette       the colours to draw with from the start
 * @param overlays      the overlays drawn from the start (one pass instead of a rebuild per change)
 */
public record GridOptions(int width, long frameCount, int framesPerCell, Palette palette, Set<Overlay> overlays) {

    public GridOptions {
        if (framesPerCell < 1 || Integer.bitCount(framesPerCell) != 1) {
            throw new IllegalArgumentException("frames per cell must be a power of two: " + framesPerCell);
        }
        overlays = overlays.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(overlays));
    }

    /** Automatic width, the capture's address space, one cell per page, light palette, default overlays. */
    public static GridOptions defaults() {
        return new GridOptions(0, 0, 1, Palette.LIGHT, Overlay.defaults());
    }

    public GridOptions withWidth(int cells) {
        return new GridOptions(cells, frameCount, framesPerCell, palette, overlays);
    }

    public GridOptions withFrameCount(long frames) {
        return new GridOptions(width, frames, framesPerCell, palette, overlays);
    }

    public GridOptions withFramesPerCell(int frames) {
        return new GridOptions(width, frameCount, frames, palette, overlays);
    }

    public GridOptions withPalette(Palette p) {
        return new GridOptions(width, frameCount, framesPerCell, p, overlays);
    }

    public GridOptions withOverlays(Set<Overlay> o) {
        return new GridOptions(width, frameCount, framesPerCell, palette, o);
    }
}
