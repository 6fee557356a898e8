package org.uffdvisualizer.parse;

import java.util.List;
import org.uffdvisualizer.model.Capture;

/**
 * A capture as loaded: the model, the files it came from, what reading each cost, and the
 * lines that had to be skipped. A capture with diagnostics is usable but incomplete, and every
 * view says so.
 */
public record LoadedCapture(Capture capture, CaptureFiles files, List<FileStats> stats, Diagnostics diagnostics) {

    public LoadedCapture {
        stats = List.copyOf(stats);
    }

    /** True if every line of every file was used. */
    public boolean isComplete() {
        return diagnostics.isEmpty();
    }
}
