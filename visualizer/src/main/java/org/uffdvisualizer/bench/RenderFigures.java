package org.uffdvisualizer.bench;

import org.uffdvisualizer.model.Capture;

/** Window figures (full-grid render, selection, replay): not measured yet, see docs/PERFORMANCE.md. */
final class RenderFigures {
    private RenderFigures() {
    }

    static void measure(Capture capture, StringBuilder out) {
        // No render figures yet.
    }
}
