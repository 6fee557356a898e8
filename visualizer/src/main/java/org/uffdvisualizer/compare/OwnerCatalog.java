package org.uffdvisualizer.compare;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the owners of faulted pages (an NMT category of a process, a mapping name of a
 * process) the same way for every run of a comparison, so that a page's key can carry its
 * owner's number in its high bits and keys of two runs compare as plain longs.
 */
final class OwnerCatalog {
    /** Owner kinds. */
    static final String NMT = "nmt";
    static final String MAPPING = "mapping";
    /** Pages without a named or NMT owner: matched only by guest-physical address. */
    static final String UNMATCHED = "unmatched";

    private final Map<List<String>, Integer> ids = new HashMap<>();
    private final List<List<String>> owners = new ArrayList<>();

    /** The number of owner (kind, process, name), assigned on first use. */
    synchronized int id(String kind, String process, String name) {
        List<String> key = List.of(kind, process, name);
        Integer id = ids.get(key);
        if (id == null) {
            id = owners.size();
            if (id >= 1 << (Long.SIZE - RunIndex.OWNER_SHIFT - 1)) {
                throw new IllegalStateException("more than " + id + " owners of faulted pages");
            }
            owners.add(key);
            ids.put(key, id);
        }
        return id;
    }

    synchronized int size() {
        return owners.size();
    }

    synchronized FaultOverlap overlap(int id, long baselineOnly, long otherOnly, long both) {
        List<String> o = owners.get(id);
        return new FaultOverlap(o.get(0), o.get(1), o.get(2), baselineOnly, otherOnly, both);
    }

    synchronized List<String> owner(int id) {
        return owners.get(id);
    }
}
