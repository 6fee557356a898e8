package org.uffdvisualizer.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PngExport;
import org.uffdvisualizer.render.SelectionSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code render}: the page grid as a PNG, drawn by the same renderer as the window. Needs no display. */
@Command(name = "render", mixinStandardHelpOptions = true, defaultValueProvider = GridDefaults.Render.class,
        description = {"Write the physical page grid as a PNG, with no margin: cell c (page c, or with --page-size the"
                + " pages from c * page-size / 4096 on) is the square at x = (c %% width) * scale, y = (c / width) * scale.",
            "Works headless (no X server)."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(names = "--select", paramLabel = "PID[/NAME]",
            description = "Highlight a process (0 kernel, -1 page cache), one of its mappings by name, or one of its NMT categories.")
    String select;

    @Option(names = "--overlay", paramLabel = "NAME", split = ",", converter = WordConverter.OverlayConverter.class,
            defaultValue = "sharing,pagecache,kernel,zeroed,removed",
            description = "Comma-separated: sharing, pagecache, kernel, nmt, zeroed, removed, order (faulted pages by fault order); 'none' for none (default: ${DEFAULT-VALUE}).")
    List<Overlay> overlay;

    @Option(names = "--at", paramLabel = "FAULT|end", defaultValue = "0",
            description = "Replay position: the number of faults applied, or 'end' for all (default: ${DEFAULT-VALUE}).")
    String at;

    @Mixin
    GridLayoutOptions gridOptions;

    @Option(names = "--palette", paramLabel = "NAME", defaultValue = "light", converter = WordConverter.PaletteConverter.class,
            description = "light, dark, colorblind or colorblind-dark (default: ${DEFAULT-VALUE}).")
    PaletteName palette;

    @Option(names = "--legend", description = "Add the legend to the right of the grid.")
    boolean legend;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Where to write the PNG (atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (overlay.contains(null) && overlay.size() > 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overlay none cannot be combined with overlays");
        }
        EnumSet<Overlay> overlays = EnumSet.noneOf(Overlay.class);
        overlay.stream().filter(Objects::nonNull).forEach(overlays::add);
        int scale = (int) gridOptions.scale;
        if (scale != gridOptions.scale || scale < 1 || scale > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale must be a whole number of pixels 1..64, not "
                    + gridOptions.scale);
        }
        if (gridOptions.width < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--width must be 0 (chooses one) or more, not "
                    + gridOptions.width);
        }
        LoadedCapture loaded = CaptureLoader.load(input.files(spec), input.loaderOptions(), ProgressListener.NONE);
        PageGrid grid = new PageGrid(loaded.capture(), GridOptions.defaults().withWidth(gridOptions.width)
                .withFramesPerCell(gridOptions.framesPerCell).withPalette(palette.palette()).withOverlays(overlays));
        if (select != null) {
            try {
                grid.setSelection(SelectionSpec.resolve(loaded.capture(), select));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--select " + e.getMessage());
            }
        }
        grid.setCursor(cursor(loaded));
        PngExport.write(GridSnapshot.of(grid, scale, legend), out);
        spec.commandLine().getOut().printf("Wrote %s: %d x %d %s of %d px, %d of %d faults applied%n", out,
                grid.width(), grid.rows(), grid.framesPerCell() == 1 ? "pages" : "cells of " + grid.framesPerCell() + " pages", scale,
                grid.cursor(), loaded.capture().trace().faultCount());
        return ExitCodes.OK;
    }

    private int cursor(LoadedCapture loaded) {
        int faults = loaded.capture().trace().faultCount();
        if ("end".equals(at)) {
            return faults;
        }
        try {
            int k = Integer.parseInt(at);
            if (k < 0 || k > faults) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--at must be between 0 and " + faults + " (the faults in the log), or 'end'");
            }
            return k;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--at takes a fault count or 'end', not '" + at + "'");
        }
    }
}
