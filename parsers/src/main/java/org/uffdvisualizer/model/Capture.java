package org.uffdvisualizer.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One capture put together: the physical mapping dump, the restore's fault trace and the NMT
 * maps of its JVMs, placed in one guest-physical address space. Immutable; the window and the
 * command line share it.
 *
 * <p>Derived here: for every mapping, how many of its resident pages the uffd handler loaded
 * from the memory file or zero-filled (by the first fault that served the page's frame); for
 * every NMT map, its {@link NmtUsage}.
 */
public final class Capture {
    private final PageMappings mappings;
    private final FaultTrace trace;
    private final PhysicalLayout physical;
    private final List<NmtUsage> nmt;
    private final int[] mappingLoaded;
    private final int[] mappingZeroed;
    private final int unownedFaultedPages;
    private final int[] repeatFaults;

    private Capture(PageMappings mappings, FaultTrace trace, PhysicalLayout physical, List<NmtMap> nmtMaps) {
        this.mappings = mappings;
        this.trace = trace;
        this.physical = physical;
        mappingLoaded = new int[mappings.mappingCount()];
        mappingZeroed = new int[mappings.mappingCount()];
        int[] faultedPage = faultedPages(mappings, trace);
        if (trace.faultCount() > 0) {
            countServedPages(faultedPage);
        }
        int unowned = 0;
        for (int page : faultedPage) {
            unowned += page < 0 ? 1 : 0;
        }
        unownedFaultedPages = unowned;
        repeatFaults = repeatFaults(trace);
        List<NmtUsage> usage = new ArrayList<>();
        for (NmtMap map : nmtMaps) {
            usage.add(new NmtUsage(map, mappings, mappings.sectionOfPid(map.pid()), trace, faultedPage));
        }
        nmt = Collections.unmodifiableList(usage);
    }

    /** Puts the parts together; {@code trace} may be {@link FaultTrace#empty()}, {@code nmt} empty. */
    public static Capture of(PageMappings mappings, FaultTrace trace, PhysicalLayout physical, List<NmtMap> nmt) {
        return new Capture(mappings, trace, physical, nmt);
    }

    /**
     * For every frame the trace served ({@link FaultTrace#faultedPfn}), its index among the owned
     * pages, or -1 if nobody owns it.
     */
    static int[] faultedPages(PageMappings mappings, FaultTrace trace) {
        int[] page = new int[trace.uniquePageCount()];
        for (int k = 0; k < page.length; k++) {
            page[k] = Math.max(-1, mappings.pageIndex(trace.faultedPfn(k)));
        }
        return page;
    }

    /** The faults, ascending, whose first frame an earlier fault had served already (QEMU logs have them). */
    private static int[] repeatFaults(FaultTrace trace) {
        IntList repeats = new IntList(16);
        for (int i = 0; i < trace.faultCount(); i++) {
            long pfn = trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT;
            if (pfn <= Integer.MAX_VALUE && trace.firstFaultOf((int) pfn) != i) {
                repeats.add(i);
            }
        }
        return repeats.toArray();
    }

    /** Faults among the first {@code cursor} whose page an earlier fault had served. */
    public int repeatFaultsBefore(int cursor) {
        int k = Arrays.binarySearch(repeatFaults, cursor);
        return k >= 0 ? k : -k - 1;
    }

    /** How many faults served frame {@code pfn} as their first page (0 if none did). */
    public int timesFaulted(int pfn) {
        if (trace.firstFaultOf(pfn) < 0) {
            return 0;
        }
        int n = 1;
        for (int i : repeatFaults) {
            n += trace.physical(i) >>> PhysicalLayout.PAGE_SHIFT == pfn ? 1 : 0;
        }
        return n;
    }

    /**
     * Walks the frames the trace served (far fewer than the dump's entries) and credits every
     * entry owning one to its mapping, by the frame's first fault.
     */
    private void countServedPages(int[] faultedPage) {
        for (int k = 0; k < faultedPage.length; k++) {
            int page = faultedPage[k];
            if (page < 0) {
                continue;
            }
            boolean zeroed = trace.isZeroed(trace.firstFault(k));
            for (int o = mappings.pageFirstOwner(page), to = mappings.pageOwnerEnd(page); o < to; o++) {
                int m = mappings.mappingOfEntry(mappings.ownerEntry(o));
                if (zeroed) {
                    mappingZeroed[m]++;
                } else {
                    mappingLoaded[m]++;
                }
            }
        }
    }

    public PageMappings mappings() {
        return mappings;
    }

    public FaultTrace trace() {
        return trace;
    }

    public PhysicalLayout physical() {
        return physical;
    }

    /** NMT usage per JVM, in the order the NMT files were given. */
    public List<NmtUsage> nmt() {
        return nmt;
    }

    /** Resident pages of mapping {@code m} that the handler loaded from the memory file. */
    public int mappingLoadedPages(int m) {
        return mappingLoaded[m];
    }

    /** Resident pages of mapping {@code m} that the handler zero-filled. */
    public int mappingZeroedPages(int m) {
        return mappingZeroed[m];
    }

    /** Section totals: mappings, resident pages, PSS pages, pages loaded and zeroed by uffd. */
    public SectionTotals sectionTotals(int s) {
        int first = mappings.sectionFirstMapping(s);
        int count = mappings.sectionMappingCount(s);
        double pss = 0;
        long loaded = 0;
        long zeroed = 0;
        for (int m = first; m < first + count; m++) {
            pss += mappings.mappingPss(m);
            loaded += mappingLoaded[m];
            zeroed += mappingZeroed[m];
        }
        return new SectionTotals(mappings.sectionPid(s), mappings.sectionExe(s), count,
                mappings.sectionEntryCount(s), pss, loaded, zeroed);
    }

    /** Distinct frames the trace served that no section of the dump owns. */
    public int unownedFaultedPages() {
        return unownedFaultedPages;
    }

    /** Owned physical pages with more than one distinct owner. */
    public int sharedPageCount() {
        int n = 0;
        for (int i = 0; i < mappings.pageCount(); i++) {
            if (mappings.pageOwnerCount(i) > 1) {
                n++;
            }
        }
        return n;
    }

    /** Heap held by the model's arrays, in bytes. */
    public long heapBytes() {
        return mappings.heapBytes() + trace.heapBytes() + 8L * mappingLoaded.length;
    }

    /** Totals of one mem_mapping section; pages are 4 KiB. */
    public record SectionTotals(int pid, String name, int mappings, int residentPages, double pssPages,
                                long uffdLoadedPages, long uffdZeroedPages) {
    }
}
