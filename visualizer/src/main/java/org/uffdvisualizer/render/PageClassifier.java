package org.uffdvisualizer.render;

import java.util.EnumSet;
import java.util.Set;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;

/**
 * The colouring rules of the grid: which {@link PageClass} a frame of RAM shows, given who owns
 * it, whether it is selected, the overlays, and whether the replay has passed its first fault.
 * {@link PageGrid} keeps the classes and the image and decides when to ask; this class only
 * answers, from one byte of owner kinds per owned page computed once.
 *
 * <p>Not thread-safe; used by its grid's thread.
 */
final class PageClassifier {
    private static final byte OWNER_KERNEL = 1;
    private static final byte OWNER_PAGECACHE = 2;
    private static final byte OWNER_PROCESS = 4;
    private static final byte OWNER_SHARED = 8;

    private final FaultTrace trace;
    private final byte[] ownerBits;              // per owned page
    private final NmtCategories nmt;
    private Set<Overlay> overlays;

    PageClassifier(Capture capture, Set<Overlay> overlays) {
        this.trace = capture.trace();
        this.ownerBits = ownerBits(capture.mappings());
        this.nmt = new NmtCategories(capture);
        setOverlays(overlays);
    }

    /**
     * Page by page through the owners, which lie in frame order: each owning entry's kind comes
     * from the few runs of same-kind sections (all in the cache), so nothing is read at random.
     * Asking each entry for its section (two binary searches) or marking pages from the entries
     * (a random write per entry) took one to two seconds at 50 M pages.
     */
    private static byte[] ownerBits(PageMappings m) {
        int[] runEnd = new int[m.sectionCount() + 1];
        byte[] runBit = new byte[m.sectionCount() + 1];
        int runs = 0;
        for (int s = 0; s < m.sectionCount(); s++) {
            SectionKind kind = m.sectionKind(s);
            byte bit = kind == SectionKind.KERNEL ? OWNER_KERNEL : kind == SectionKind.PAGECACHE ? OWNER_PAGECACHE
                    : OWNER_PROCESS;
            int end = m.sectionFirstEntry(s) + m.sectionEntryCount(s);
            if (runs > 0 && runBit[runs - 1] == bit) {
                runEnd[runs - 1] = end;
            } else {
                runEnd[runs] = end;
                runBit[runs++] = bit;
            }
        }
        byte[] bits = new byte[m.pageCount()];
        for (int i = 0; i < bits.length; i++) {
            byte b = m.pageOwnerCount(i) > 1 ? OWNER_SHARED : 0;
            for (int k = m.pageFirstOwner(i), end = m.pageOwnerEnd(i); k < end; k++) {
                int e = m.ownerEntry(k);
                int r = 0;
                while (e >= runEnd[r]) {
                    r++;
                }
                b |= runBit[r];
            }
            bits[i] = b;
        }
        return bits;
    }

    /** Returns whether the overlays changed (then every frame must be classified again). */
    boolean setOverlays(Set<Overlay> o) {
        EnumSet<Overlay> next = o.isEmpty() ? EnumSet.noneOf(Overlay.class) : EnumSet.copyOf(o);
        if (next.equals(overlays)) {
            return false;
        }
        overlays = next;
        return true;
    }

    Set<Overlay> overlays() {
        return EnumSet.copyOf(overlays.isEmpty() ? EnumSet.noneOf(Overlay.class) : overlays);
    }

    boolean has(Overlay o) {
        return overlays.contains(o);
    }

    NmtCategories nmt() {
        return nmt;
    }

    /**
     * The class of a frame of RAM (the caller handles holes).
     *
     * @param pageIndex  its owned-page index, or -1 for none
     * @param firstFault the index of its first fault, or -1 for none
     * @param cursor     faults applied so far
     * @param selected   whether the selection holds the frame
     */
    byte classify(int pageIndex, int firstFault, int cursor, boolean selected) {
        if (firstFault >= 0 && firstFault < cursor) {
            if (trace.isZeroed(firstFault) && overlays.contains(Overlay.ZEROED)) {
                return PageClass.ZEROED;
            }
            if (pageIndex < 0) {
                return PageClass.FAULTED_UNOWNED;
            }
            return selected ? PageClass.LOADED_SELECTED : PageClass.LOADED;
        }
        if (pageIndex < 0) {
            return PageClass.FREE;
        }
        byte owners = ownerBits[pageIndex];
        if (selected) {
            return (owners & OWNER_SHARED) != 0 && overlays.contains(Overlay.SHARING) ? PageClass.SELECTED_SHARED
                    : PageClass.SELECTED;
        }
        if (overlays.contains(Overlay.NMT)) {
            int c = nmt.categoryOf(pageIndex);
            if (c >= 0) {
                return (byte) (PageClass.NMT_FIRST + c);
            }
        }
        if ((owners & OWNER_KERNEL) != 0 && overlays.contains(Overlay.KERNEL)) {
            return PageClass.KERNEL;
        }
        if ((owners & OWNER_PAGECACHE) != 0 && overlays.contains(Overlay.PAGECACHE)) {
            return PageClass.PAGECACHE;
        }
        if ((owners & OWNER_SHARED) != 0 && overlays.contains(Overlay.SHARING)) {
            return PageClass.SHARED;
        }
        return PageClass.MAPPED;
    }
}
