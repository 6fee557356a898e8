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
     * Section by section, each entry's kind marks its page (found in constant time): asking each
     * page's owners for their section would be two binary searches per entry, seconds at 50 M.
     */
    private static byte[] ownerBits(PageMappings m) {
        byte[] bits = new byte[m.pageCount()];
        for (int s = 0; s < m.sectionCount(); s++) {
            SectionKind kind = m.sectionKind(s);
            byte b = kind == SectionKind.KERNEL ? OWNER_KERNEL : kind == SectionKind.PAGECACHE ? OWNER_PAGECACHE
                    : OWNER_PROCESS;
            for (int e = m.sectionFirstEntry(s), end = e + m.sectionEntryCount(s); e < end; e++) {
                bits[m.pageIndex(m.entryPfn(e))] |= b;
            }
        }
        for (int i = 0; i < bits.length; i++) {
            if (m.pageOwnerCount(i) > 1) {
                bits[i] |= OWNER_SHARED;
            }
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
