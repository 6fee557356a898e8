package org.uffdvisualizer.parse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Loads a whole capture: parses its files, places the fault trace and the NMT maps in the dump's
 * physical address space, and checks that they belong together. Runs on the caller's thread.
 */
public final class CaptureLoader {

    /**
     * How to load.
     *
     * @param strict stop at the first bad line instead of skipping it
     * @param layout how memory-file offsets map to guest-physical addresses
     * @param nmtPid the JVM pid for NMT files without a {@code PID:} line, or -1 to match by executable
     */
    public record Options(boolean strict, MemoryLayout layout, int nmtPid) {
        public static Options defaults() {
            return new Options(false, MemoryLayout.X86_64, -1);
        }
    }

    /** Pages a log must serve before {@link #checkLogMatchesDump} judges whether it belongs to the dump. */
    static final int VERDICT_PAGES = 100;

    private CaptureLoader() {
    }

    /**
     * Loads {@code files}.
     *
     * @throws NotEnoughMemoryException if the files are too large for this heap (estimated before
     *                                  reading) or loading runs out of memory after all
     * @throws CaptureException         if a file cannot be used (or, strict, has a bad line)
     */
    public static LoadedCapture load(CaptureFiles files, Options options, ProgressListener progress)
            throws CaptureException {
        MemoryNeed.check(files);
        try {
            return loadWithinHeap(files, options, progress);
        } catch (OutOfMemoryError e) {
            throw MemoryNeed.ranOut(files, e);
        }
    }

    private static LoadedCapture loadWithinHeap(CaptureFiles files, Options options, ProgressListener progress)
            throws CaptureException {
        Diagnostics diagnostics = new Diagnostics(options.strict());
        List<FileStats> stats = new ArrayList<>();

        MemMappingParser.Result dump = MemMappingParser.parse(files.mappings(), diagnostics, progress);
        stats.add(dump.stats());
        PageMappings mappings = dump.mappings();

        FaultTrace trace = FaultTrace.empty();
        if (files.uffd() != null) {
            UffdLogParser.Result log = UffdLogParser.parse(files.uffd(), options.layout(), diagnostics, progress);
            stats.add(log.stats());
            trace = log.trace();
        }

        List<NmtMap> nmt = new ArrayList<>();
        for (Path f : files.nmt()) {
            NmtParser.Result r = NmtParser.parse(f, -1, diagnostics, progress);
            stats.add(r.stats());
            nmt.add(r.pidFromHeader() ? r.map() : withPid(r.map(), f, options.nmtPid(), mappings, nmt));
        }
        for (NmtMap map : nmt) {
            if (mappings.sectionOfPid(map.pid()) < 0) {
                throw new CaptureException(map.source() + ": NMT of pid " + map.pid() + ", but " + files.mappings()
                        + " has no section '= " + map.pid() + " ...' (its processes: " + processPids(mappings)
                        + "); is it from another capture?");
            }
        }

        PhysicalLayout physical = physicalLayout(mappings, trace, options.layout());
        checkFaultsInRam(trace, physical, files.uffd(), diagnostics);
        checkLogMatchesDump(trace, mappings, files, diagnostics);
        progress.checkCancelled();
        return new LoadedCapture(Capture.of(mappings, trace, physical, nmt), files, stats, diagnostics);
    }

    /**
     * The address space runs to the highest address any input states: the page-cache section's
     * RAM line, the memory file's size, the highest page owned, and, when neither of the first two
     * says where RAM ends, the highest page the handler served.
     */
    static PhysicalLayout physicalLayout(PageMappings mappings, FaultTrace trace, MemoryLayout layout) {
        long end = Math.max(mappings.ramEndHint(), mappings.highestPageEnd());
        if (trace.memoryFileSize() > 0) {
            end = Math.max(end, trace.offsetToPhysical(trace.memoryFileSize() - 1) + 1);
        }
        if (mappings.ramEndHint() == 0 && trace.memoryFileSize() <= 0) {
            end = Math.max(end, trace.highestPhysicalEnd());
        }
        return PhysicalLayout.of(layout, end);
    }

    private static void checkFaultsInRam(FaultTrace trace, PhysicalLayout physical, Path file, Diagnostics diagnostics)
            throws CaptureException {
        int outside = 0;
        for (int i = 0; i < trace.faultCount(); i++) {
            long gpa = trace.physical(i);
            long last = gpa + (long) trace.pages(i) * PhysicalLayout.PAGE_SIZE - 1;
            if (!physical.isRam(gpa) || !physical.isRam(last)) {
                outside++;
                diagnostics.report(file, trace.line(i), "", String.format(
                        "memory-file offset %#x is guest-physical %#x (layout %s), outside the guest's RAM (ends at %#x)",
                        trace.fileOffset(i), gpa, physical.layout().label(), physical.end()));
            }
        }
        if (outside > 0 && outside == trace.faultCount()) {
            throw new CaptureException(file + ": none of its " + outside + " faults lands in the guest's RAM ("
                    + String.format("%#x", physical.end()) + " bytes, layout " + physical.layout().label()
                    + "): is it the log of another capture, or is --layout wrong?");
        }
    }

    /**
     * A log of another capture's restore parses fine and lands in RAM, but its faults hit pages
     * this dump does not have: when most of the pages it served lie beyond the dump's own RAM or
     * are owned by nobody in it, say so (once, naming both files); strict mode stops there.
     * Real restores fault mostly owned pages (three quarters and more in the sample captures); a
     * log of fewer than {@value #VERDICT_PAGES} pages is too small a sample to judge.
     */
    private static void checkLogMatchesDump(FaultTrace trace, PageMappings mappings, CaptureFiles files,
            Diagnostics diagnostics) throws CaptureException {
        int unique = trace.uniquePageCount();
        long dumpEnd = Math.max(mappings.ramEndHint(), mappings.highestPageEnd());
        int missing = 0;
        for (int k = 0; k < unique; k++) {
            int pfn = trace.faultedPfn(k);
            if (((long) pfn << PhysicalLayout.PAGE_SHIFT) >= dumpEnd || mappings.pageIndex(pfn) < 0) {
                missing++;
            }
        }
        if (unique >= VERDICT_PAGES && missing * 2L > unique) {
            diagnostics.report(files.uffd(), 0, "", String.format("%,d of the %,d pages it served (%d%%) lie beyond the"
                    + " RAM of %s (%,d bytes) or are owned by nobody in it: is the log from another capture?",
                    missing, unique, Math.round(100.0 * missing / unique), files.mappings(), dumpEnd));
        }
    }

    /** Gives an NMT map without a {@code PID:} line its JVM: the one named, or the only java process. */
    private static NmtMap withPid(NmtMap map, Path file, int given, PageMappings mappings, List<NmtMap> earlier)
            throws CaptureException {
        if (given > 0) {
            return map.withPid(given);
        }
        List<Integer> javas = new ArrayList<>();
        for (int s = 0; s < mappings.sectionCount(); s++) {
            int pid = mappings.sectionPid(s);
            String exe = mappings.sectionExe(s);
            boolean claimed = earlier.stream().anyMatch(m -> m.pid() == pid);
            if (mappings.sectionKind(s) == SectionKind.PROCESS && !claimed
                    && (exe.endsWith("/java") || exe.equals("java"))) {
                javas.add(pid);
            }
        }
        if (javas.size() != 1) {
            throw new CaptureException(file + ": no 'PID:' first line, and the dump has " + (javas.isEmpty()
                    ? "no java process to match it with" : javas.size() + " java processes " + javas)
                    + ": give the JVM's pid (--nmt-pid)");
        }
        return map.withPid(javas.get(0));
    }

    private static List<Integer> processPids(PageMappings mappings) {
        List<Integer> pids = new ArrayList<>();
        for (int s = 0; s < mappings.sectionCount(); s++) {
            if (mappings.sectionKind(s) == SectionKind.PROCESS) {
                pids.add(mappings.sectionPid(s));
            }
        }
        return pids;
    }
}
