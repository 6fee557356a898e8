package org.uffdvisualizer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The guest-physical address space of one capture: from 0 to the highest address any input
 * mentions, with the ranges that hold RAM. Grid page {@code p} is physical address
 * {@code p * PAGE_SIZE}; pages outside every RAM range are holes.
 */
public final class PhysicalLayout {
    public static final int PAGE_SIZE = 4096;
    public static final int PAGE_SHIFT = 12;

    private final MemoryLayout layout;
    private final long end;
    private final long[] ramStart;
    private final long[] ramEnd;

    private PhysicalLayout(MemoryLayout layout, long end, long[] ramStart, long[] ramEnd) {
        this.layout = layout;
        this.end = end;
        this.ramStart = ramStart;
        this.ramEnd = ramEnd;
    }

    /**
     * The address space of a guest whose highest address in use is just below {@code end}
     * (rounded up to a page), laid out as {@code layout} says.
     */
    public static PhysicalLayout of(MemoryLayout layout, long end) {
        long e = (end + PAGE_SIZE - 1) & -PAGE_SIZE;
        List<long[]> ranges = new ArrayList<>();
        long base = Math.min(layout.ramBase(), e);
        if (layout.gapStart() >= 0 && e > layout.gapStart()) {
            ranges.add(new long[] {base, layout.gapStart()});
            if (e > MemoryLayout.FOUR_GIB) {
                ranges.add(new long[] {MemoryLayout.FOUR_GIB, e});
            }
        } else if (e > base) {
            ranges.add(new long[] {base, e});
        }
        long[] s = new long[ranges.size()];
        long[] t = new long[ranges.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = ranges.get(i)[0];
            t[i] = ranges.get(i)[1];
        }
        return new PhysicalLayout(layout, e, s, t);
    }

    public MemoryLayout layout() {
        return layout;
    }

    /** End of the address space (exclusive), page aligned. */
    public long end() {
        return end;
    }

    /** Number of page frames from address 0 to {@link #end()}, holes included: the grid size. */
    public long frameCount() {
        return end >>> PAGE_SHIFT;
    }

    /** Bytes of RAM (holes excluded). */
    public long ramBytes() {
        long sum = 0;
        for (int i = 0; i < ramStart.length; i++) {
            sum += ramEnd[i] - ramStart[i];
        }
        return sum;
    }

    public int ramRangeCount() {
        return ramStart.length;
    }

    public long ramRangeStart(int i) {
        return ramStart[i];
    }

    public long ramRangeEnd(int i) {
        return ramEnd[i];
    }

    /** True if the physical address lies in RAM. */
    public boolean isRam(long address) {
        for (int i = 0; i < ramStart.length; i++) {
            if (address >= ramStart[i] && address < ramEnd[i]) {
                return true;
            }
        }
        return false;
    }

    public boolean isRamFrame(long pfn) {
        return isRam(pfn << PAGE_SHIFT);
    }
}
