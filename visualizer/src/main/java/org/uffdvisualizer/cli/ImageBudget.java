package org.uffdvisualizer.cli;

import org.uffdvisualizer.parse.NotEnoughMemoryException;
import org.uffdvisualizer.render.ExportTarget;
import org.uffdvisualizer.render.PageGrid;

/**
 * What {@code render}'s image will cost, checked before anything is drawn: the grid (an int per
 * cell and a byte per frame) and the PNG's pixels (an int each). A Java image holds at most
 * 2^31 - 1 pixels whatever the heap; beyond the heap, the message says how much to give.
 */
final class ImageBudget {

    private ImageBudget() {
    }

    /** @param modelBytes heap the loaded capture holds, which stays in use while the image is made */
    static void check(long frames, int framesPerCell, int width, int scale, long modelBytes) throws NotEnoughMemoryException,
            ExportTarget.ExportException {
        long cells = (frames + framesPerCell - 1) / framesPerCell;
        long w = width > 0 ? width : PageGrid.autoWidth(cells);
        long rows = Math.max(1, (cells + w - 1) / w);
        long pixelsWide = w * scale;
        long pixelsHigh = rows * scale;
        if (Math.multiplyHigh(pixelsWide, pixelsHigh) != 0 || pixelsWide * pixelsHigh > Integer.MAX_VALUE) {
            throw new ExportTarget.ExportException(String.format("the image would be %,d x %,d pixels, more than one"
                    + " image can hold (2^31 - 1 pixels): use a smaller --width or --scale", pixelsWide, pixelsHigh));
        }
        long need = 4 * w * rows + frames + 4 * pixelsWide * pixelsHigh;
        if (need > Runtime.getRuntime().maxMemory() - modelBytes) {
            throw new NotEnoughMemoryException("this image", need + modelBytes);
        }
    }
}
