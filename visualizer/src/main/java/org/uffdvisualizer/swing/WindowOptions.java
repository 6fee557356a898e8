package org.uffdvisualizer.swing;

import org.uffdvisualizer.parse.CaptureLoader;

/**
 * How the window starts: the original tool's {@code uffdVisualizer.scale}, {@code .width},
 * {@code .physicalMemory} and {@code .pageSize} as starting values, loader options, and what to
 * do when the first frame is on screen (the start-up measurement).
 *
 * @param scale        pixels per cell side to start with, or 0 to fit the window
 * @param width        cells per row, or 0 for automatic
 * @param frames       frames to show, or 0 for the capture's address space
 * @param loader       how captures are read
 * @param exitOnClose  whether closing the window ends the program (false in tests)
 * @param firstFrame   called once on the Event Dispatch Thread when the first grid is painted, or null
 * @param framesPerCell 4 KiB frames per cell: 1, or e.g. 512 for {@code uffdVisualizer.pageSize=2097152}
 */
public record WindowOptions(double scale, int width, long frames, CaptureLoader.Options loader, boolean exitOnClose,
        Runnable firstFrame, int framesPerCell) {

    /** One cell per 4 KiB page. */
    public WindowOptions(double scale, int width, long frames, CaptureLoader.Options loader, boolean exitOnClose,
            Runnable firstFrame) {
        this(scale, width, frames, loader, exitOnClose, firstFrame, 1);
    }

    public static WindowOptions defaults() {
        return new WindowOptions(0, 0, 0, CaptureLoader.Options.defaults(), false, null);
    }
}
