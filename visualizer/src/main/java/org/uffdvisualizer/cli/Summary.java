package org.uffdvisualizer.cli;

import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.parse.FileStats;
import org.uffdvisualizer.parse.LoadedCapture;

/** The figures the {@code summary} command prints, computed once for text and JSON alike. */
final class Summary {
    final LoadedCapture loaded;
    final Capture capture;
    final List<Capture.SectionTotals> sections = new ArrayList<>();
    final long entries;
    final int faults;
    final int loadedFaults;
    final int zeroedFaults;
    final int prefetched;
    final long loadedPages;
    final long zeroedPages;

    Summary(LoadedCapture loaded) {
        this.loaded = loaded;
        this.capture = loaded.capture();
        for (int s = 0; s < capture.mappings().sectionCount(); s++) {
            sections.add(capture.sectionTotals(s));
        }
        entries = capture.mappings().entryCount();
        FaultTrace t = capture.trace();
        int demand = 0;
        int load = 0;
        int zero = 0;
        int pre = 0;
        long loadPages = 0;
        long zeroPages = 0;
        for (int i = 0; i < t.faultCount(); i++) {
            if (t.isPrefetched(i)) {
                pre++;
                continue;
            }
            demand++;
            if (t.isZeroed(i)) {
                zero++;
                zeroPages += t.pages(i);
            } else {
                load++;
                loadPages += t.pages(i);
            }
        }
        faults = demand;
        loadedFaults = load;
        zeroedFaults = zero;
        prefetched = pre;
        loadedPages = loadPages;
        zeroedPages = zeroPages;
    }

    List<NmtUsage> nmt() {
        return capture.nmt();
    }

    List<FileStats> stats() {
        return loaded.stats();
    }

    /** Bytes of heap the model's arrays hold per {@code p} line (fault trace included). */
    double modelBytesPerEntry() {
        return entries == 0 ? 0 : (double) capture.heapBytes() / entries;
    }

    /** Bytes of heap the dump's part of the model holds per {@code p} line: the figure to keep small. */
    double mappingsBytesPerEntry() {
        return entries == 0 ? 0 : (double) capture.mappings().heapBytes() / entries;
    }

    /** Bytes of heap the fault trace holds per fault. */
    double traceBytesPerFault() {
        int n = capture.trace().faultCount();
        return n == 0 ? 0 : (double) capture.trace().heapBytes() / n;
    }

    static long kb(long pages) {
        return pages * PhysicalLayout.PAGE_SIZE / 1024;
    }
}
