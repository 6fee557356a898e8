package org.uffdvisualizer.cli;

import org.uffdvisualizer.render.PageGrid;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Reads {@code --page-size} (the original tool's {@code uffdVisualizer.pageSize}): bytes per grid cell. */
final class PageSizeOption {

    private PageSizeOption() {
    }

    /**
     * The 4 KiB frames per cell for {@code text}, a byte count (suffix k, m or g allowed: "2m").
     *
     * @throws CommandLine.ParameterException naming {@code option} unless it is a power-of-two multiple of 4096
     */
    static int framesPerCell(CommandSpec spec, String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        try {
            return PageGrid.framesPerCell(Math.multiplyExact(Long.parseLong(t), unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " takes a size in bytes such as 4096 or"
                    + " 2097152 (suffix k, m, g allowed), not '" + text + "'");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
