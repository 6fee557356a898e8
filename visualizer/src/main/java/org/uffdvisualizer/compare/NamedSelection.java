package org.uffdvisualizer.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.render.Selection;

/**
 * A selection by name that means the same thing in every capture, whatever the PIDs: an NMT
 * category ("Java Heap", any case), a process by executable ("java", or its full path; "kernel",
 * "pagecache"), or a mapping by name ("[heap]", "classes.jsa" or its full path, "libjvm.so"),
 * tried in that order. Several matches (two JVMs, a library mapped by two processes) are
 * united. A name that matches nothing in a capture resolves to an empty selection there.
 */
public final class NamedSelection {
    /** What a name matched in a capture. */
    public enum Match {
        NMT_CATEGORY, EXECUTABLE, MAPPING, NOTHING
    }

    private final String name;

    private NamedSelection(String name) {
        this.name = name;
    }

    /**
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static NamedSelection of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a selection needs a name: a process's executable, a mapping or an NMT category");
        }
        return new NamedSelection(name.trim());
    }

    public String name() {
        return name;
    }

    /** What this name stands for in {@code capture}. */
    public Match matchIn(Capture capture) {
        if (!nmtCategories(capture).isEmpty()) {
            return Match.NMT_CATEGORY;
        }
        if (!sections(capture.mappings()).isEmpty()) {
            return Match.EXECUTABLE;
        }
        return mappingNames(capture.mappings()).isEmpty() ? Match.NOTHING : Match.MAPPING;
    }

    /** The pages this name stands for in {@code capture}, labelled with the name. */
    public Selection resolve(Capture capture) {
        List<Selection> parts = new ArrayList<>();
        switch (matchIn(capture)) {
            case NMT_CATEGORY -> {
                for (int[] uc : nmtCategories(capture)) {
                    parts.add(Selection.ofNmtCategory(capture, capture.nmt().get(uc[0]), uc[1]));
                }
            }
            case EXECUTABLE -> {
                for (int s : sections(capture.mappings())) {
                    parts.add(Selection.ofSection(capture, s));
                }
            }
            case MAPPING -> {
                PageMappings m = capture.mappings();
                Set<String> names = mappingNames(m);
                for (int s = 0; s < m.sectionCount(); s++) {
                    for (String n : names) {
                        parts.add(Selection.ofMappingsNamed(capture, s, n));
                    }
                }
            }
            case NOTHING -> {
                // An empty selection: the capture has nothing of that name.
            }
        }
        return Selection.union(name, parts);
    }

    /** {usage index, category index} of every JVM's category of this name. */
    private List<int[]> nmtCategories(Capture capture) {
        List<int[]> found = new ArrayList<>();
        for (int u = 0; u < capture.nmt().size(); u++) {
            NmtMap map = capture.nmt().get(u).map();
            for (int c = 0; c < map.categoryCount(); c++) {
                if (map.category(c).equalsIgnoreCase(name)) {
                    found.add(new int[] {u, c});
                }
            }
        }
        return found;
    }

    private List<Integer> sections(PageMappings m) {
        List<Integer> found = new ArrayList<>();
        for (int s = 0; s < m.sectionCount(); s++) {
            if (sameName(m.sectionExe(s))) {
                found.add(s);
            }
        }
        return found;
    }

    private Set<String> mappingNames(PageMappings m) {
        Set<String> found = new LinkedHashSet<>();
        for (int k = 0; k < m.mappingCount(); k++) {
            String n = m.mappingName(k);
            if (!n.isEmpty() && sameName(n)) {
                found.add(n);
            }
        }
        return found;
    }

    /** The whole name, or its last path element ("libjvm.so" for ".../lib/server/libjvm.so"). */
    private boolean sameName(String full) {
        return full.equals(name) || full.endsWith("/" + name) && name.indexOf('/') < 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
