package org.uffdvisualizer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.ExportTarget;
import org.uffdvisualizer.render.GifAnimation;
import org.uffdvisualizer.render.PageGrid;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code animate}: the replay as a looping animated GIF, drawn by the same renderer as {@code render}. */
@Command(name = "animate", mixinStandardHelpOptions = true, defaultValueProvider = GridDefaults.Animate.class,
        description = {"Write the replay of the restore as a looping animated GIF: each frame is the grid as"
                + " 'render --at K' draws it, with a caption below (capture name, fault K of N); the last frame has"
                + " every fault applied.", "Works headless (no X server)."})
final class AnimateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    PictureOptions picture;

    @Option(names = "--fps", paramLabel = "N", defaultValue = "10", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "Length of the animation; ignored with --faults-per-frame (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--faults-per-frame", paramLabel = "N", description = "Faults each frame adds (instead of --seconds).")
    Integer faultsPerFrame;

    @Option(names = "--out", paramLabel = "FILE.gif", required = true, description = "Where to write the GIF (atomically).")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExportTarget.check(out);      // a directory, a device, a missing parent: refused before the work
        int scale = picture.scale(spec);
        if (!(fps > 0 && fps <= 50)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fps must be above 0 and at most 50, not " + fps);
        }
        if (faultsPerFrame != null && faultsPerFrame < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--faults-per-frame must be 1 or more");
        }
        if (faultsPerFrame == null && !(seconds > 0 && seconds <= 3600)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be above 0 and at most 3600");
        }
        long start = System.nanoTime();
        CaptureFiles files = input.files(spec);
        LoadedCapture loaded = CaptureLoader.load(files, input.loaderOptions(), ProgressListener.NONE);
        int faults = loaded.capture().trace().faultCount();
        if (faults == 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "animate needs a uffd log with faults: give --uffd FILE or a directory holding one");
        }
        PageGrid grid = picture.grid(loaded, spec);
        int frames = faultsPerFrame != null ? (faults + faultsPerFrame - 1) / faultsPerFrame
                : (int) Math.max(1, Math.round(seconds * fps));
        if (frames > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), frames + " frames is too many (at most 10,000):"
                    + " raise --faults-per-frame or lower --seconds or --fps");
        }
        int[] positions = faultsPerFrame != null ? byStep(faults, faultsPerFrame, frames) : GifAnimation.evenPositions(faults, frames);
        long loadedAt = System.nanoTime();
        new GifAnimation(grid, name(files), scale, picture.legend, positions, fps).write(out, f -> { });
        long end = System.nanoTime();
        spec.commandLine().getOut().printf("Wrote %s: %d frames of %d x %d %s of %d px, %,d faults; loaded in %.1f s,"
                + " animated in %.1f s (%,d bytes)%n", out, frames, grid.width(), grid.rows(),
                grid.framesPerCell() == 1 ? "pages" : "cells of " + grid.framesPerCell() + " pages", scale, faults,
                (loadedAt - start) / 1e9, (end - loadedAt) / 1e9, Files.size(out));
        return ExitCodes.OK;
    }

    private static int[] byStep(int faults, int step, int frames) {
        int[] p = new int[frames];
        for (int f = 0; f < frames; f++) {
            p[f] = (int) Math.min(faults, (long) (f + 1) * step);
        }
        return p;
    }

    /** The capture's name for the caption: its directory, else its mapping file. */
    private static String name(CaptureFiles files) {
        Path m = files.mappings().toAbsolutePath();
        Path dir = m.getParent();
        return dir != null && dir.getFileName() != null ? dir.getFileName().toString() : m.getFileName().toString();
    }
}
