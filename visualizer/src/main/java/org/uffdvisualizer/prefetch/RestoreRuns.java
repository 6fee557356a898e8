package org.uffdvisualizer.prefetch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.Diagnostics;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.parse.UffdLogParser;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The restore traces of a {@link TraceSources} read into {@link RestoreRun}s, with the capture
 * when the sources have a mapping dump (the first trace is then read with it, so the loader's
 * checks that it belongs to the dump apply). Runs are named by file name, or by path when two
 * files share a name.
 *
 * @param sources     what was read
 * @param capture     the capture with the first trace, or null without a mapping dump
 * @param runs        one per trace, in the sources' order
 * @param diagnostics the lines that could not be used
 */
public record RestoreRuns(TraceSources sources, Capture capture, List<RestoreRun> runs, Diagnostics diagnostics) {

    public RestoreRuns {
        runs = List.copyOf(runs);
    }

    /**
     * Reads every trace of {@code sources}, on the caller's thread.
     *
     * @throws CaptureException if a file cannot be used, or a trace has no demand fault
     */
    public static RestoreRuns load(TraceSources sources, CaptureLoader.Options options, ProgressListener progress)
            throws CaptureException {
        Diagnostics diagnostics;
        Capture capture = null;
        List<Path> traces = sources.traces();
        List<RestoreRun> runs = new ArrayList<>();
        int first = 0;
        if (sources.mappings() != null) {
            LoadedCapture loaded = CaptureLoader.load(new CaptureFiles(sources.mappings(), traces.get(0), sources.nmt()),
                    options, progress);
            capture = loaded.capture();
            diagnostics = loaded.diagnostics();
            runs.add(run(traces, 0, capture.trace()));
            first = 1;
        } else {
            diagnostics = new Diagnostics(options.strict());
        }
        for (int t = first; t < traces.size(); t++) {
            progress.checkCancelled();
            runs.add(run(traces, t, UffdLogParser.parse(traces.get(t), options.layout(), diagnostics, progress).trace()));
        }
        return new RestoreRuns(sources, capture, runs, diagnostics);
    }

    /** The runs of a capture already loaded (the window's) and of {@code others}, traces of the same snapshot. */
    public static RestoreRuns withLoaded(LoadedCapture loaded, List<Path> others, CaptureLoader.Options options,
            ProgressListener progress) throws CaptureException {
        List<Path> traces = new ArrayList<>();
        traces.add(loaded.files().uffd());
        traces.addAll(others);
        TraceSources sources = new TraceSources(loaded.files().mappings().toString(), loaded.files().mappings(),
                loaded.files().nmt(), traces);
        List<RestoreRun> runs = new ArrayList<>();
        runs.add(run(traces, 0, loaded.capture().trace()));
        Diagnostics diagnostics = new Diagnostics(options.strict());
        for (int t = 1; t < traces.size(); t++) {
            progress.checkCancelled();
            runs.add(run(traces, t, UffdLogParser.parse(traces.get(t), options.layout(), diagnostics, progress).trace()));
        }
        return new RestoreRuns(sources, loaded.capture(), runs, diagnostics);
    }

    private static RestoreRun run(List<Path> traces, int t, FaultTrace trace) throws CaptureException {
        Path file = traces.get(t);
        String name = TraceSources.name(file);
        for (int o = 0; o < traces.size(); o++) {
            if (o != t && TraceSources.name(traces.get(o)).equals(name)) {
                name = file.toString();
            }
        }
        RestoreRun run = RestoreRun.of(name, trace);
        if (run.faults() == 0) {
            throw new CaptureException(file + ": no demand fault (no page loaded or zero-filled on demand): nothing to"
                    + " simulate");
        }
        return run;
    }

    /** The run read from {@code file}, or null. */
    public RestoreRun runOf(Path file) {
        for (int t = 0; t < sources.traces().size(); t++) {
            if (TraceSources.same(sources.traces().get(t), file)) {
                return runs.get(t);
            }
        }
        return null;
    }
}
