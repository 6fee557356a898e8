package org.uffdvisualizer.parse;

import java.nio.file.Path;
import java.util.BitSet;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * What the readers of other tools' restore traces share: a trace keeps the demand faults only,
 * the first of each page of the memory (a later fault of a page loads nothing new).
 */
abstract class DemandFaultTraceParser extends LineParser {
    protected final FaultTrace.Builder builder;
    private final BitSet faulted = new BitSet();

    DemandFaultTraceParser(Path file, Diagnostics diagnostics, ProgressListener progress, int expectedFaults) {
        super(file, diagnostics, progress);
        builder = FaultTrace.builder(expectedFaults);
    }

    /** Reads the file (which should hold {@code what}) and builds its trace. */
    final UffdLogParser.Result read(String what, MemoryLayout layout) throws CaptureException {
        run(what);
        return new UffdLogParser.Result(builder.build(layout), stats());
    }

    /** True the first time the page at memory-file {@code offset} is asked about. */
    protected final boolean firstFault(long offset) {
        long frame = offset >>> PhysicalLayout.PAGE_SHIFT;
        if (frame > Integer.MAX_VALUE || faulted.get((int) frame)) {
            return false;
        }
        faulted.set((int) frame);
        return true;
    }
}
