package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/**
 * A selection that means the same thing in every capture of a comparison, because it names what
 * it selects instead of pointing at it: a process by its executable, a mapping by its name in
 * such a process ({@code libjvm.so}, {@code classes.jsa}, {@code [heap]}), an NMT category by its
 * name. PIDs, addresses and section numbers differ between runs and play no part. When a capture
 * has several processes of one executable (a workload JVM and a companion JVM), the
 * {@code rank}-th largest by resident pages is meant, so the workload JVM of one run meets the
 * workload JVM of the other.
 *
 * @param kind what is named
 * @param exe  the executable's file name ({@code java}; {@code kernel} and {@code pagecache} for
 *             those sections)
 * @param rank which of the processes of {@code exe}, 0 for the largest
 * @param name the mapping or NMT category name; empty for a process
 */
public record SelectionByName(Kind kind, String exe, int rank, String name) {

    /** What a {@link SelectionByName} names. */
    public enum Kind { PROCESS, MAPPING, NMT_CATEGORY }

    /** The process of section {@code s}. */
    public static SelectionByName ofSection(Capture capture, int s) {
        String exe = shortName(capture.mappings().sectionExe(s));
        return new SelectionByName(Kind.PROCESS, exe, sectionsOf(capture, exe).indexOf(s), "");
    }

    /** Every mapping named as mapping {@code mapping} is, in its process. */
    public static SelectionByName ofMapping(Capture capture, int mapping) {
        PageMappings m = capture.mappings();
        SelectionByName process = ofSection(capture, m.sectionOfEntry(m.mappingFirstEntry(mapping)));
        return new SelectionByName(Kind.MAPPING, process.exe, process.rank, m.mappingName(mapping));
    }

    /** NMT category {@code category} of the JVM {@code usage} reports. */
    public static SelectionByName ofNmtCategory(Capture capture, NmtUsage usage, int category) {
        SelectionByName process = ofSection(capture, usage.section());
        return new SelectionByName(Kind.NMT_CATEGORY, process.exe, process.rank, usage.map().category(category));
    }

    /** The section of the process this names (or whose mapping or category it names) in {@code capture}, or -1. */
    public int section(Capture capture) {
        List<Integer> sections = sectionsOf(capture, exe);
        return rank >= 0 && rank < sections.size() ? sections.get(rank) : -1;
    }

    /** The pages this names in {@code capture}; empty if it has no such process, mapping or category. */
    public Selection resolve(Capture capture) {
        int s = section(capture);
        if (s < 0) {
            return Selection.none();
        }
        return switch (kind) {
            case PROCESS -> Selection.ofSection(capture, s);
            case MAPPING -> Selection.ofMappingsNamed(capture, s, name);
            case NMT_CATEGORY -> nmtCategory(capture, s);
        };
    }

    private Selection nmtCategory(Capture capture, int section) {
        for (NmtUsage u : capture.nmt()) {
            NmtMap map = u.map();
            for (int c = 0; u.section() == section && c < map.categoryCount(); c++) {
                if (map.category(c).equalsIgnoreCase(name)) {
                    return Selection.ofNmtCategory(capture, u, c);
                }
            }
        }
        return Selection.none();
    }

    /** Sections of processes (or the kernel, or the page cache) run from {@code exe}, largest first. */
    private static List<Integer> sectionsOf(Capture capture, String exe) {
        PageMappings m = capture.mappings();
        List<Integer> found = new ArrayList<>();
        for (int s = 0; s < m.sectionCount(); s++) {
            if (shortName(m.sectionExe(s)).equals(exe)) {
                found.add(s);
            }
        }
        found.sort(Comparator.comparingInt((Integer s) -> -m.sectionEntryCount(s)).thenComparingInt(s -> s));
        return found;
    }

    private static String shortName(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 && slash < path.length() - 1 ? path.substring(slash + 1) : path;
    }

    /** "Java Heap of java", "[heap] of java", "java"; "java #2" for the second largest java. */
    @Override
    public String toString() {
        String process = rank == 0 ? exe : exe + " #" + (rank + 1);
        return kind == Kind.PROCESS ? process : name + " of " + process;
    }
}
