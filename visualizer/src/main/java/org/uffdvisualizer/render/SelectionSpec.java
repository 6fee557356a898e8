package org.uffdvisualizer.render;

import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/**
 * Resolves a selection written as {@code PID}, {@code PID/MAPPING-NAME} or
 * {@code PID/NMT-CATEGORY} (e.g. {@code 114}, {@code 114/[heap]}, {@code 114/Java Heap});
 * {@code 0} is the kernel and {@code -1} the page cache.
 */
public final class SelectionSpec {

    private SelectionSpec() {
    }

    /**
     * @throws IllegalArgumentException with a message for the user if nothing matches
     */
    public static Selection resolve(Capture capture, String spec) {
        String text = spec.trim();
        int slash = text.indexOf('/', text.startsWith("-") ? 1 : 0);
        String pidText = slash < 0 ? text : text.substring(0, slash);
        int pid;
        try {
            pid = Integer.parseInt(pidText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "': expected PID, PID/MAPPING or PID/NMT-CATEGORY");
        }
        PageMappings m = capture.mappings();
        int section = m.sectionOfPid(pid);
        if (section < 0) {
            throw new IllegalArgumentException("'" + spec + "': the capture has no process " + pid);
        }
        if (slash < 0) {
            return Selection.ofSection(capture, section);
        }
        String name = text.substring(slash + 1);
        Selection byMapping = Selection.ofMappingsNamed(capture, section, name);
        if (!byMapping.isEmpty() || hasMapping(m, section, name)) {
            return byMapping;
        }
        for (NmtUsage u : capture.nmt()) {
            NmtMap map = u.map();
            if (map.pid() != pid) {
                continue;
            }
            for (int c = 0; c < map.categoryCount(); c++) {
                if (map.category(c).equalsIgnoreCase(name)) {
                    return Selection.ofNmtCategory(capture, u, c);
                }
            }
        }
        throw new IllegalArgumentException("'" + spec + "': process " + pid + " has no mapping and no NMT category named '"
                + name + "'");
    }

    private static boolean hasMapping(PageMappings m, int section, String name) {
        for (int k = m.sectionFirstMapping(section); k < m.sectionFirstMapping(section) + m.sectionMappingCount(section);
                k++) {
            if (m.mappingName(k).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
