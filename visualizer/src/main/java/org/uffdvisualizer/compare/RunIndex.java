package org.uffdvisualizer.compare;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.render.Selection;

/**
 * What a comparison needs of one run, made in one walk over the frames its trace served
 * (ascending, merged with the dump's owned pages): the fault keys of the pages served before the
 * cursor (all, and within the selection), and the figures of every row.
 *
 * <p>A page's owner key comes from its first owner, in dump order (processes before kernel and
 * page cache), that has one: inside a JVM's NMT reserved region, (category, the region's rank
 * within its category, page offset in the region); else in a named mapping, (mapping name, page
 * offset from the first mapping of that name in the process, so a library's segments keep their
 * distances; the kernel's ranges count from their physical start).
 */
final class RunIndex {
    /** Bits below the owner number in a key. */
    static final int OWNER_SHIFT = 44;
    private static final long PAGE_KEY_MASK = (1L << OWNER_SHIFT) - 1;
    private static final long PAGE = PhysicalLayout.PAGE_SIZE;

    final FaultKeys all;
    /** Keys of the selected frames; null without a selection. */
    final FaultKeys selected;
    final Map<RowKey, RunFigures> figures;

    private final Capture capture;
    private final PageMappings m;
    private final String[] processLabel;
    private final int[] mappingSection;
    private final int[] mappingOwner;
    private final long[] mappingBase;
    private final int[] sectionGroup;
    private final NmtRegions[] nmtOf;
    private final long[] mappingTouched;
    private final ExtentCounter extents = new ExtentCounter();
    /** Extent slots: per section (its process row), per mapping (its name's row, -1 for the page cache). */
    private final int[] sectionSlot;
    private final int[] mappingSlot;
    /** Per section with NMT, per category, its row's extent slot. */
    private final int[][] nmtSlot;
    private int selectionSlot = -1;
    private final long[] selectedCounts = new long[3];

    RunIndex(ComparedRun run, OwnerCatalog catalog) {
        capture = run.capture();
        m = capture.mappings();
        processLabel = processLabels(m);
        mappingSection = new int[m.mappingCount()];
        mappingOwner = new int[m.mappingCount()];
        mappingBase = new long[m.mappingCount()];
        sectionGroup = new int[m.sectionCount()];
        sectionSlot = new int[m.sectionCount()];
        mappingSlot = new int[m.mappingCount()];
        nmtSlot = new int[m.sectionCount()][];
        nmtOf = new NmtRegions[m.sectionCount()];
        for (NmtUsage u : capture.nmt()) {
            if (u.section() >= 0 && nmtOf[u.section()] == null) {
                nmtOf[u.section()] = new NmtRegions(u, catalog, processLabel[u.section()]);
            }
        }
        for (int s = 0; s < m.sectionCount(); s++) {
            describeMappings(s, catalog);
        }
        mappingTouched = new long[m.mappingCount()];
        if (run.selection() != null) {
            selectionSlot = extents.slot(selectionKey(run.selection()));
        }
        FaultTrace t = capture.trace();
        int capacity = Math.min(t.uniquePageCount(), run.cursor() == 0 ? 0 : t.uniquePageCount());
        all = new FaultKeys(capacity);
        Selection selection = run.selection();
        selected = selection == null ? null : new FaultKeys(Math.min(capacity, selection.pageCount()));
        walk(t, run.cursor(), selection, catalog.id(OwnerCatalog.UNMATCHED, "", "(no owner)"));
        all.finish();
        if (selected != null) {
            selected.finish();
        }
        figures = rows(run);
    }

    /** "java", "java #2" (the second process of one executable), "kernel", "pagecache". */
    static String[] processLabels(PageMappings m) {
        String[] labels = new String[m.sectionCount()];
        Map<String, Integer> seen = new HashMap<>();
        for (int s = 0; s < labels.length; s++) {
            String exe = m.sectionExe(s);
            String base = exe.isEmpty() ? "process" : exe.substring(exe.lastIndexOf('/') + 1);
            int n = seen.merge(base, 1, Integer::sum);
            labels[s] = n == 1 ? base : base + " #" + n;
        }
        return labels;
    }

    /** Owner numbers and base addresses of section {@code s}'s mappings. */
    private void describeMappings(int s, OwnerCatalog catalog) {
        SectionKind kind = m.sectionKind(s);
        sectionGroup[s] = catalog.id(OwnerCatalog.UNMATCHED, processLabel[s], "(anonymous)");
        sectionSlot[s] = extents.slot(processKey(s));
        if (nmtOf[s] != null) {
            NmtMap map = nmtOf[s].usage.map();
            nmtSlot[s] = new int[map.categoryCount()];
            for (int c = 0; c < map.categoryCount(); c++) {
                nmtSlot[s][c] = extents.slot(new RowKey(RowKind.NMT_CATEGORY, processLabel[s], map.category(c)));
            }
        }
        Map<String, Long> base = new HashMap<>();
        int first = m.sectionFirstMapping(s);
        int end = first + m.sectionMappingCount(s);
        for (int k = first; k < end; k++) {
            if (!m.mappingName(k).isEmpty()) {
                base.merge(m.mappingName(k), m.mappingStart(k), Math::min);
            }
        }
        for (int k = first; k < end; k++) {
            mappingSection[k] = s;
            String name = m.mappingName(k);
            // The page cache's one mapping spans all RAM: its offsets are physical addresses, no owner.
            boolean named = !name.isEmpty() && kind != SectionKind.PAGECACHE;
            mappingOwner[k] = named ? catalog.id(OwnerCatalog.MAPPING, processLabel[s], name) : -1;
            mappingBase[k] = named ? base.get(name) : 0;
            mappingSlot[k] = kind == SectionKind.PAGECACHE ? -1 : extents.slot(mappingKey(s, name));
        }
    }

    private void walk(FaultTrace t, int cursor, Selection selection, int unowned) {
        for (int k = 0; k < t.uniquePageCount(); k++) {
            int pfn = t.faultedPfn(k);
            int fault = t.firstFault(k);
            boolean before = fault < cursor;
            boolean zeroed = t.isZeroed(fault);
            long key = -1;
            int group = unowned;
            int at = m.pageIndex(pfn);
            if (at >= 0) {
                for (int o = m.pageFirstOwner(at), to = m.pageOwnerEnd(at); o < to; o++) {
                    int e = m.ownerEntry(o);
                    int mapping = m.mappingOfEntry(e);
                    int s = mappingSection[mapping];
                    if (before) {
                        mappingTouched[mapping]++;
                        extents.touch(sectionSlot[s], pfn);
                        if (mappingSlot[mapping] >= 0) {
                            extents.touch(mappingSlot[mapping], pfn);
                        }
                    }
                    long pageKey = -1;
                    int owner = -1;
                    NmtRegions nmt = nmtOf[s];
                    int r = nmt == null ? -1 : nmt.regionOf(m.entryWord(e));
                    if (r >= 0) {
                        nmt.count(r, zeroed, before);
                        if (before) {
                            extents.touch(nmtSlot[s][nmt.category(r)], pfn);
                        }
                        owner = nmt.owner(r);
                        pageKey = nmt.pageKey(r, m.entryWord(e));
                    } else if (mappingOwner[mapping] >= 0) {
                        owner = mappingOwner[mapping];
                        long address = m.sectionKind(s) == SectionKind.PROCESS ? m.entryWord(e) : (long) pfn * PAGE;
                        pageKey = (address - mappingBase[mapping]) / PAGE & PAGE_KEY_MASK;
                    }
                    if (key < 0 && owner >= 0) {
                        key = (long) owner << OWNER_SHIFT | pageKey;
                        group = owner;
                    } else if (key < 0 && group == unowned) {
                        group = sectionGroup[s];
                    }
                }
            }
            boolean inSelection = selection != null && selection.containsFrame(pfn);
            if (before) {
                all.add(key, group, pfn);
                if (inSelection) {
                    selected.add(key, group, pfn);
                    extents.touch(selectionSlot, pfn);
                }
            }
            if (inSelection) {
                selectedCounts[zeroed ? 1 : 0]++;
                selectedCounts[2] += before ? 1 : 0;
            }
        }
    }

    /** The run's rows: processes, mapping names, NMT categories, the selection. */
    private Map<RowKey, RunFigures> rows(ComparedRun run) {
        Map<RowKey, RunFigures> rows = new LinkedHashMap<>();
        for (int s = 0; s < m.sectionCount(); s++) {
            boolean process = m.sectionKind(s) == SectionKind.PROCESS;
            long[] total = new long[7];
            Map<String, long[]> byName = new LinkedHashMap<>();
            int first = m.sectionFirstMapping(s);
            for (int k = first; k < first + m.sectionMappingCount(s); k++) {
                long[] f = mappingFigures(k, process);
                add(total, f);
                if (m.sectionKind(s) != SectionKind.PAGECACHE) {
                    add(byName.computeIfAbsent(m.mappingName(k), x -> new long[7]), f);
                }
            }
            NmtRegions nmt = nmtOf[s];
            total[1] = nmt != null ? committed(nmt.usage.map()) : -1;
            if (!process) {
                total[0] = -1;
                total[3] = -1;
            }
            rows.put(processKey(s), figures(total));
            for (Map.Entry<String, long[]> e : byName.entrySet()) {
                long[] f = e.getValue();
                f[1] = -1;
                if (!process) {
                    f[0] = -1;
                    f[3] = -1;
                }
                rows.put(mappingKey(s, e.getKey()), figures(f));
            }
        }
        for (int s = 0; s < m.sectionCount(); s++) {
            NmtRegions nmt = nmtOf[s];
            if (nmt == null) {
                continue;
            }
            NmtMap map = nmt.usage.map();
            for (int c = 0; c < map.categoryCount(); c++) {
                NmtUsage.CategoryTotals t = nmt.usage.categoryTotals(c);
                rows.put(new RowKey(RowKind.NMT_CATEGORY, processLabel[s], t.name()),
                        new RunFigures(t.reservedBytes(), t.committedBytes(), t.residentBytes(), -1,
                                nmt.loaded[c] * PAGE, nmt.zeroed[c] * PAGE, nmt.touched[c] * PAGE));
            }
        }
        Selection selection = run.selection();
        if (selection != null) {
            rows.put(selectionKey(selection),
                    new RunFigures(-1, -1, selection.pageCount() * PAGE, -1, selectedCounts[0] * PAGE,
                            selectedCounts[1] * PAGE, selectedCounts[2] * PAGE));
        }
        return rows;
    }

    private RowKey processKey(int s) {
        return new RowKey(RowKind.PROCESS, processLabel[s], processLabel[s]);
    }

    /** The row of the mappings named {@code name} in section {@code s} ("(anonymous)" for those without a name). */
    private RowKey mappingKey(int s, String name) {
        return new RowKey(RowKind.MAPPING, processLabel[s], name.isEmpty() ? "(anonymous)" : name);
    }

    private static RowKey selectionKey(Selection selection) {
        return new RowKey(RowKind.SELECTION, "", selection.label());
    }

    /** Physical extents of the touched pages of row {@code key} (0 if it has none). */
    long touchedExtents(RowKey key) {
        return extents.extents(key);
    }

    /** {virtual, committed, resident, pss, loaded, zeroed, touched} of mapping {@code k}, in bytes. */
    private long[] mappingFigures(int k, boolean process) {
        return new long[] {
            process ? m.mappingEnd(k) - m.mappingStart(k) : 0,
            0,
            m.mappingEntryCount(k) * PAGE,
            Math.round(m.mappingPss(k) * PAGE),
            capture.mappingLoadedPages(k) * PAGE,
            capture.mappingZeroedPages(k) * PAGE,
            mappingTouched[k] * PAGE};
    }

    private static void add(long[] to, long[] f) {
        for (int i = 0; i < to.length; i++) {
            to[i] += f[i];
        }
    }

    private static RunFigures figures(long[] f) {
        return new RunFigures(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
    }

    private static long committed(NmtMap map) {
        long sum = 0;
        for (int r = 0; r < map.reservedCount(); r++) {
            sum += map.committedBytes(r);
        }
        return sum;
    }

    long heapBytes() {
        return all.heapBytes() + (selected == null ? 0 : selected.heapBytes()) + 8L * mappingTouched.length
                + 20L * mappingOwner.length;
    }
}
