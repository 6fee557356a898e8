package org.uffdvisualizer.compare;

import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.render.Selection;

/**
 * One capture taking part in a comparison: the loaded capture, what it says of itself, its replay
 * cursor (the number of faults replayed: the touched figures and fault sets count those) and, if
 * any, the selection whose pages get their own row and overlap.
 *
 * @param selection a selection of this capture, or null
 */
public record ComparedRun(LoadedCapture loaded, RunFacts facts, int cursor, Selection selection) {

    public ComparedRun {
        int faults = loaded.capture().trace().faultCount();
        if (cursor < 0 || cursor > faults) {
            throw new IllegalArgumentException("cursor " + cursor + " outside 0.." + faults);
        }
    }

    /** The capture at the end of its trace, no selection, facts read from its files. */
    public static ComparedRun of(LoadedCapture loaded) {
        return new ComparedRun(loaded, RunFacts.of(loaded), loaded.capture().trace().faultCount(), null);
    }

    public ComparedRun withCursor(int newCursor) {
        return new ComparedRun(loaded, facts, newCursor, selection);
    }

    /** At {@code point} of this run's own trace. */
    public ComparedRun at(ReplayPoint point) {
        return withCursor(point.cursorIn(loaded.capture().trace()));
    }

    /** With the pages {@code by} names in this capture as the selection (empty if it names nothing here). */
    public ComparedRun withSelection(NamedSelection by) {
        return new ComparedRun(loaded, facts, cursor, by.resolve(loaded.capture()));
    }

    public ComparedRun withSelection(Selection newSelection) {
        return new ComparedRun(loaded, facts, cursor, newSelection);
    }

    public Capture capture() {
        return loaded.capture();
    }

    /** The label for headings and pictures: {@link RunFacts#label()}. */
    public String label() {
        return facts.label();
    }
}
