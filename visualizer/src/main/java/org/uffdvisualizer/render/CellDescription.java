package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;

/**
 * What one cell of the grid is, in words: physical address and frame number, every owner (PID,
 * executable, virtual address, mapping), the NMT category and region it falls in, decoded
 * kpageflags, and the uffd fault that served it. The window's tooltip shows it; tests read it.
 *
 * @param frame    the page frame number
 * @param headline address and frame, one line
 * <p>Entries may hold {@code \n}: the continuation of one item on a second line.
 *
 * @param owners   one line per owner (at most {@link #MAX_OWNERS}, then a line saying how many more)
 * @param nmt      one line per NMT region the page falls in
 * @param fault    the uffd event line, or empty if no fault served the page
 * @param state    what the grid shows there now (the class name)
 * @param ownerMappings the mapping index of each owner listed, in the same order
 */
public record CellDescription(long frame, String headline, List<String> owners, List<String> nmt, String fault,
        String state, List<Integer> ownerMappings) {
    /** Owners listed before "and N more". */
    public static final int MAX_OWNERS = 12;

    /** Describes frame {@code frame} of the grid, or null if it lies outside the grid. */
    public static CellDescription of(PageGrid grid, long frame) {
        if (frame < 0 || frame >= grid.frameCount()) {
            return null;
        }
        Capture capture = grid.capture();
        PageMappings m = capture.mappings();
        int f = (int) frame;
        long address = frame << PhysicalLayout.PAGE_SHIFT;
        boolean ram = capture.physical().isRamFrame(frame);
        String headline = String.format("Physical %#x  PFN %#x%s", address, frame, ram ? "" : "  (no RAM here)");
        List<String> owners = new ArrayList<>();
        List<Integer> ownerMappings = new ArrayList<>();
        List<String> nmt = new ArrayList<>();
        int page = m.pageIndex(f);
        if (page >= 0) {
            int shown = 0;
            int total = m.pageOwnerEnd(page) - m.pageFirstOwner(page);
            for (int k = m.pageFirstOwner(page); k < m.pageOwnerEnd(page); k++) {
                int e = m.ownerEntry(k);
                int s = m.sectionOfEntry(e);
                int mapping = m.mappingOfEntry(e);
                if (shown++ < MAX_OWNERS) {
                    owners.add(owner(m, s, e, mapping));
                    ownerMappings.add(mapping);
                }
                if (m.sectionKind(s) == SectionKind.PROCESS) {
                    nmtLines(capture, s, m.entryWord(e), nmt);
                }
            }
            if (total > MAX_OWNERS) {
                owners.add("... and " + (total - MAX_OWNERS) + " more");
            }
        }
        return new CellDescription(frame, headline, List.copyOf(owners), List.copyOf(nmt),
                faultLine(grid, f), stateName(grid.classOf(f), grid), List.copyOf(ownerMappings));
    }

    private static String owner(PageMappings m, int s, int e, int mapping) {
        SectionKind kind = m.sectionKind(s);
        String name = m.mappingName(mapping).isEmpty() ? "[anonymous]" : m.mappingName(mapping);
        if (kind == SectionKind.PROCESS) {
            String excl = (m.entryFlags(e) & PageMappings.FLAG_HAS_PAGEMAP_FLAGS) == 0 ? ""
                    : (m.entryFlags(e) & PageMappings.FLAG_EXCLUSIVE) != 0 ? ", exclusive" : ", shared";
            return String.format("pid %d %s%n  virtual %#x %s%s", m.sectionPid(s), m.sectionExe(s), m.entryWord(e),
                    name, excl);
        }
        String who = kind == SectionKind.KERNEL ? "kernel (" + name + ")" : "page cache";
        return who + "\n  kpageflags " + String.join(" ", KPageFlags.names(m.entryWord(e)));
    }

    private static void nmtLines(Capture capture, int section, long virt, List<String> out) {
        for (NmtUsage u : capture.nmt()) {
            if (u.section() != section) {
                continue;
            }
            NmtMap map = u.map();
            for (int r = 0; r < map.reservedCount(); r++) {
                if (virt >= map.reservedStart(r) && virt < map.reservedEnd(r)) {
                    String committed = "not in a committed region";
                    for (int c = map.firstCommitted(r); c < map.firstCommitted(r) + map.committedCountOf(r); c++) {
                        if (virt >= map.committedStart(c) && virt < map.committedEnd(c)) {
                            committed = String.format("committed [%#x - %#x]", map.committedStart(c),
                                    map.committedEnd(c));
                        }
                    }
                    if (map.isReservedAndCommitted(r) && map.committedCountOf(r) == 0) {
                        committed = "reserved and committed";
                    }
                    out.add(String.format("NMT %s of pid %d%n  reserved [%#x - %#x]%n  %s", map.category(
                            map.reservedCategory(r)), map.pid(), map.reservedStart(r), map.reservedEnd(r), committed));
                }
            }
        }
    }

    private static String faultLine(PageGrid grid, int f) {
        FaultTrace t = grid.capture().trace();
        int i = t.firstFaultOf(f);
        if (i < 0) {
            return t.faultCount() == 0 ? "" : "not faulted by the restore";
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("uffd fault %,d of %,d: %s, %s", i + 1, t.faultCount(), t.isWrite(i) ? "write" : "read",
                t.isPrefetched(i) ? (t.isZeroed(i) ? "prefetched, zero-filled" : "prefetched")
                        : t.isZeroed(i) ? "zero-filled" : "loaded"));
        b.append("\n ");
        if (t.hasThreads() && t.thread(i) > 0) {
            b.append(" thread ").append(t.thread(i)).append(',');
        }
        if (t.hasTimestamps() && t.nanos(i) >= 0) {
            b.append(String.format(" at %.3f ms,", t.nanos(i) / 1e6));
        }
        b.append(" log line ").append(t.line(i));
        int times = grid.capture().timesFaulted(f);
        if (times > 1) {
            b.append(String.format(", faulted %d times", times));
        }
        b.append(i < grid.cursor() ? "" : " (not yet replayed)");
        return b.toString();
    }

    private static String stateName(byte c, PageGrid grid) {
        return switch (c) {
            case PageClass.HOLE -> "no RAM";
            case PageClass.FREE -> "not mapped";
            case PageClass.MAPPED -> "mapped";
            case PageClass.SELECTED -> "selected";
            case PageClass.SELECTED_SHARED -> "selected, shared";
            case PageClass.SHARED -> "shared";
            case PageClass.PAGECACHE -> "page cache";
            case PageClass.KERNEL -> "kernel";
            case PageClass.LOADED -> "loaded by uffd";
            case PageClass.ZEROED -> "zero-filled by uffd";
            case PageClass.LOADED_SELECTED -> "loaded by uffd, selected";
            case PageClass.FAULTED_UNOWNED -> "faulted, owned by nobody in the dump";
            default -> {
                int n = c - PageClass.NMT_FIRST;
                List<String> names = grid.nmtCategories().names();
                yield n >= 0 && n < names.size() ? "NMT " + names.get(n) : "class " + c;
            }
        };
    }
}
