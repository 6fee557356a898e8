package org.uffdvisualizer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.parse.NotEnoughMemoryException;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.PngExport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code render}: the page grid as a PNG, drawn by the same renderer as the window. Needs no display. */
@Command(name = "render", mixinStandardHelpOptions = true, defaultValueProvider = GridDefaults.Render.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:--strict and a line could not be used",
            "2:unusable arguments, unreadable or wrong files, or an --out that cannot be written",
            "3:not enough memory (the message says how much heap to give)"},
        description = {"Write the physical page grid as a PNG, with no margin: cell c (page c, or with --page-size the"
                + " pages from c * page-size / 4096 on) is the square at x = (c %% width) * scale, y = (c / width) * scale.",
            "Works headless (no X server)."})
final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    PictureOptions picture;

    @Option(names = "--at", paramLabel = "FAULT|end", defaultValue = "0",
            description = "Replay position: the number of faults applied, or 'end' for all (default: ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Where to write the PNG (atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        int scale = picture.scale(spec);
        ExportTarget.check(out);
        LoadedCapture loaded = CaptureLoader.load(input.files(spec), input.loaderOptions(), ProgressListener.NONE);
        ImageBudget.check(loaded.capture().physical().frameCount(), picture.layout.framesPerCell, picture.layout.width,
                scale, loaded.capture().heapBytes());
        PageGrid grid;
        try {
            grid = picture.grid(loaded, spec);
        } catch (OutOfMemoryError e) {
            throw new NotEnoughMemoryException("this image", 0, e);
        }
        grid.setCursor(cursor(loaded));
        try {
            writePng(GridSnapshot.of(grid, scale, picture.legend), out);
        } catch (OutOfMemoryError e) {
            throw new NotEnoughMemoryException("this image", 0, e);
        }
        spec.commandLine().getOut().printf("Wrote %s: %d x %d %s of %d px, %d of %d faults applied%n", out,
                grid.width(), grid.rows(), grid.framesPerCell() == 1 ? "pages" : "cells of " + grid.framesPerCell() + " pages",
                scale, grid.cursor(), loaded.capture().trace().faultCount());
        return ExitCodes.OK;
    }

    /** Writes {@code image} to {@code out} atomically; any failure is an export error naming the file. */
    static void writePng(java.awt.image.RenderedImage image, Path out) throws ExportTarget.ExportException,
            NotEnoughMemoryException {
        try {
            PngExport.write(image, out);
        } catch (ExportTarget.ExportException e) {
            throw e;
        } catch (IOException e) {
            throw new ExportTarget.ExportException(out + ": cannot be written: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new NotEnoughMemoryException("this image", 0, e);
        }
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
