package org.uffdvisualizer.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.SelectionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** What a picture of the grid shows, for {@code render} and {@code animate}: selection, overlays, palette, layout. */
final class PictureOptions {

    @Option(names = "--select", paramLabel = "PID[/NAME]",
            description = "Highlight a process (0 kernel, -1 page cache), one of its mappings by name, or one of its NMT categories.")
    String select;

    @Option(names = "--overlay", paramLabel = "NAME", split = ",", converter = WordConverter.OverlayConverter.class,
            defaultValue = "sharing,pagecache,kernel,zeroed,removed",
            description = "Comma-separated: sharing, pagecache, kernel, nmt, zeroed, removed, order (faulted pages by fault"
                    + " order); 'none' for none (default: ${DEFAULT-VALUE}).")
    List<Overlay> overlay;

    @CommandLine.Mixin
    GridLayoutOptions layout;

    @Option(names = "--palette", paramLabel = "NAME", defaultValue = "light", converter = WordConverter.PaletteConverter.class,
            description = "light, dark, colorblind or colorblind-dark (default: ${DEFAULT-VALUE}).")
    PaletteName palette;

    @Option(names = "--legend", description = "Add the legend to the right of the grid.")
    boolean legend;

    /** The whole pixels per cell asked for; a usage error unless 1..64. */
    int scale(CommandSpec spec) {
        return layout.wholeScale(spec);
    }

    /** The grid of {@code loaded} as asked, with its selection, the replay at its start. */
    PageGrid grid(LoadedCapture loaded, CommandSpec spec) {
        if (overlay.contains(null) && overlay.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overlay none cannot be combined with overlays");
        }
        if (layout.width < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be 0 (chooses one) or more, not "
                    + layout.width);
        }
        EnumSet<Overlay> overlays = EnumSet.noneOf(Overlay.class);
        overlay.stream().filter(Objects::nonNull).forEach(overlays::add);
        PageGrid grid = new PageGrid(loaded.capture(), GridOptions.defaults().withWidth(layout.width)
                .withFramesPerCell(layout.framesPerCell).withPalette(palette.palette()).withOverlays(overlays));
        if (select != null) {
            try {
                grid.setSelection(SelectionSpec.resolve(loaded.capture(), select));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--select " + e.getMessage());
            }
        }
        return grid;
    }
}
