package org.uffdvisualizer.render;

import java.util.Locale;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.model.SectionKind;

/**
 * The replay's current fault in one line for the status bar: "now fault 1,234 at 12.345 ms:
 * 0x1f3a000 read, loaded · pid 114 java [heap] · NMT Java Heap", with the owner (a process and
 * its mapping, the kernel, the page cache, or nobody) and whether the page was faulted before.
 */
public final class CurrentFault {

    private CurrentFault() {
    }

    /** The words for fault {@code i} of the grid's trace; empty for -1. */
    public static String describe(PageGrid grid, int i) {
        FaultTrace t = grid.capture().trace();
        if (i < 0 || i >= t.faultCount()) {
            return "";
        }
        long address = t.physical(i);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "now fault %,d", i + 1));
        if (t.hasTimestamps() && t.nanos(i) >= 0) {
            b.append(String.format(Locale.ROOT, " at %.3f ms", t.nanos(i) / 1e6));
        }
        b.append(String.format(Locale.ROOT, ": %#x %s, %s", address, t.isWrite(i) ? "write" : "read",
                t.isZeroed(i) ? "zero-filled" : "loaded"));
        if (t.pages(i) > 1) {
            b.append(String.format(Locale.ROOT, " (%d pages)", t.pages(i)));
        }
        long frame = address >>> PhysicalLayout.PAGE_SHIFT;
        b.append(" · ").append(frame > Integer.MAX_VALUE ? "nobody" : owner(grid, (int) frame));
        int first = frame > Integer.MAX_VALUE ? i : t.firstFaultOf((int) frame);
        if (first >= 0 && first != i) {
            b.append(String.format(Locale.ROOT, " · faulted again (first at fault %,d)", first + 1));
        }
        return b.toString();
    }

    private static String owner(PageGrid grid, int frame) {
        PageMappings m = grid.capture().mappings();
        int page = m.pageIndex(frame);
        if (page < 0) {
            return "owned by nobody";
        }
        int e = m.ownerEntry(m.pageFirstOwner(page));
        int s = m.sectionOfEntry(e);
        int mapping = m.mappingOfEntry(e);
        String name = m.mappingName(mapping).isEmpty() ? "[anonymous]" : m.mappingName(mapping);
        String who = switch (m.sectionKind(s)) {
            case KERNEL -> "kernel (" + name + ")";
            case PAGECACHE -> "page cache " + name;
            default -> "pid " + m.sectionPid(s) + " " + shortName(m.sectionExe(s)) + " " + name;
        };
        int others = m.pageOwnerCount(page) - 1;
        if (others > 0) {
            who += String.format(Locale.ROOT, " (+%d other owner%s)", others, others == 1 ? "" : "s");
        }
        int c = m.sectionKind(s) == SectionKind.PROCESS ? grid.nmtCategories().categoryOf(page) : -1;
        return c >= 0 ? who + " · NMT " + grid.nmtCategories().names().get(c) : who;
    }

    private static String shortName(String exe) {
        return exe.substring(exe.lastIndexOf('/') + 1);
    }
}
