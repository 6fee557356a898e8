package org.uffdvisualizer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How the page grid is laid out, for {@code gui} and {@code render}. The defaults differ between
 * the two, so each command gives them with its {@link GridDefaults}.
 */
final class GridLayoutOptions {

    @Option(names = "--scale", paramLabel = "PX",
            description = "Pixels per cell side; in the window 0 fits the grid to it (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--width", paramLabel = "CELLS",
            description = "Cells (pages, unless --page-size is larger) per row; 0 chooses one (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--page-size", paramLabel = "BYTES", converter = PageSizeConverter.class,
            description = "Bytes one cell stands for: 4096 (one page), or a power-of-two multiple such as 2097152"
                + " or 2m (2 MiB, as with huge pages); a cell shows the most notable of its pages (default: ${DEFAULT-VALUE}).")
    int framesPerCell;

    /** The whole pixels per cell asked for; a usage error unless 1..64. */
    int wholeScale(CommandSpec spec) {
        int whole = (int) scale;
        if (whole != scale || whole < 1 || whole > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be a whole number of pixels 1..64, not "
                    + scale);
        }
        return whole;
    }
}
