package org.uffdvisualizer.model;

import java.util.Arrays;

/**
 * Where one JVM's NMT regions landed in physical memory: per reserved region, per committed
 * sub-region and per category, the bytes resident (virtual pages with a {@code p} line in that
 * JVM's section, each counted once) and the bytes the uffd handler served (resident pages whose
 * physical frame a fault served).
 */
public final class NmtUsage {
    private final NmtMap map;
    private final int section;
    private final long[] reservedResident;
    private final long[] reservedUffd;
    private final long[] committedResident;
    private final long[] committedUffd;

    /** @param faultedPage per frame the trace served, its owned-page index or -1 ({@code Capture.faultedPages}) */
    NmtUsage(NmtMap map, PageMappings mappings, int section, FaultTrace trace, int[] faultedPage) {
        this.map = map;
        this.section = section;
        reservedResident = new long[map.reservedCount()];
        reservedUffd = new long[map.reservedCount()];
        committedResident = new long[map.committedCount()];
        committedUffd = new long[map.committedCount()];
        if (section < 0) {
            return;
        }
        ResidentPages pages = new ResidentPages(mappings, section, trace, faultedPage);
        for (int r = 0; r < map.reservedCount(); r++) {
            reservedResident[r] = pages.residentBytes(map.reservedStart(r), map.reservedEnd(r));
            reservedUffd[r] = pages.uffdBytes(map.reservedStart(r), map.reservedEnd(r));
        }
        for (int c = 0; c < map.committedCount(); c++) {
            committedResident[c] = pages.residentBytes(map.committedStart(c), map.committedEnd(c));
            committedUffd[c] = pages.uffdBytes(map.committedStart(c), map.committedEnd(c));
        }
    }

    public NmtMap map() {
        return map;
    }

    /** The mem_mapping section of this JVM, or -1 if the dump has none. */
    public int section() {
        return section;
    }

    public long reservedResidentBytes(int r) {
        return reservedResident[r];
    }

    public long reservedUffdBytes(int r) {
        return reservedUffd[r];
    }

    public long committedResidentBytes(int c) {
        return committedResident[c];
    }

    public long committedUffdBytes(int c) {
        return committedUffd[c];
    }

    /** Totals of category {@code c}: reserved, committed, resident and uffd bytes. */
    public CategoryTotals categoryTotals(int c) {
        long reserved = 0;
        long committed = 0;
        long resident = 0;
        long uffd = 0;
        for (int r = 0; r < map.reservedCount(); r++) {
            if (map.reservedCategory(r) == c) {
                reserved += map.reservedEnd(r) - map.reservedStart(r);
                committed += map.committedBytes(r);
                resident += reservedResident[r];
                uffd += reservedUffd[r];
            }
        }
        return new CategoryTotals(map.category(c), reserved, committed, resident, uffd);
    }

    /** Totals of one NMT category of one JVM, in bytes. */
    public record CategoryTotals(String name, long reservedBytes, long committedBytes, long residentBytes,
                                 long uffdBytes) {
    }

    /**
     * A JVM's resident virtual pages sorted by address, for counting pages in ranges. The walker
     * lists a process's pages by ascending address already; then the section's own entries are
     * searched in place and only the frames the trace served are looked at. Otherwise (pages out
     * of order or listed twice) they are sorted and deduplicated here.
     */
    private static final class ResidentPages {
        private static final int INDEX_BITS = 28;
        private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
        private static final long PAGE_MASK = -PhysicalLayout.PAGE_SIZE;
        private final PageMappings mappings;
        private final int from;
        private final int count;
        /** Sorted distinct pages when the section's entries are not in order; null when they are. */
        private final long[] virt;
        private final java.util.BitSet served;

        ResidentPages(PageMappings mappings, int section, FaultTrace trace, int[] faultedPage) {
            this.mappings = mappings;
            from = mappings.sectionFirstEntry(section);
            int n = mappings.sectionEntryCount(section);
            if (ascending(mappings, from, n)) {
                virt = null;
                count = n;
                served = new java.util.BitSet(n);
                for (int page : faultedPage) {
                    if (page < 0) {
                        continue;
                    }
                    for (int o = mappings.pageFirstOwner(page), to = mappings.pageOwnerEnd(page); o < to; o++) {
                        int e = mappings.ownerEntry(o);
                        if (e >= from && e < from + n) {
                            served.set(e - from);
                        }
                    }
                }
                return;
            }
            // Sort virtual page numbers with their entry index packed below them: user-space
            // addresses have at most 47 bits, so 35 bits of page number and 28 of index fit a long.
            long[] keys = new long[n];
            for (int i = 0; i < n; i++) {
                keys[i] = (mappings.entryWord(from + i) >>> PhysicalLayout.PAGE_SHIFT) << INDEX_BITS | i;
            }
            Arrays.sort(keys);
            long[] v = new long[n];
            java.util.BitSet s = new java.util.BitSet(n);
            int m = 0;
            for (long key : keys) {
                long page = (key >>> INDEX_BITS) << PhysicalLayout.PAGE_SHIFT;
                boolean faulted = trace.firstFaultOf(mappings.entryPfn(from + (int) (key & INDEX_MASK))) >= 0;
                if (m > 0 && v[m - 1] == page) {
                    if (faulted) {
                        s.set(m - 1);      // a virtual page counts once
                    }
                    continue;
                }
                v[m] = page;
                if (faulted) {
                    s.set(m);
                }
                m++;
            }
            virt = Arrays.copyOf(v, m);
            count = m;
            served = s;
        }

        /** True if the pages of entries {@code from .. from + n} strictly ascend. */
        private static boolean ascending(PageMappings mappings, int from, int n) {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long page = mappings.entryWord(from + i) & PAGE_MASK;
                if (page <= previous) {
                    return false;
                }
                previous = page;
            }
            return true;
        }

        private long page(int i) {
            return virt != null ? virt[i] : mappings.entryWord(from + i) & PAGE_MASK;
        }

        private int lowerBound(long address) {
            int lo = 0;
            int hi = count;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (page(mid) < address) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        long residentBytes(long start, long end) {
            return (long) (lowerBound(end) - lowerBound(start)) * PhysicalLayout.PAGE_SIZE;
        }

        long uffdBytes(long start, long end) {
            long n = 0;
            int to = lowerBound(end);
            for (int i = served.nextSetBit(lowerBound(start)); i >= 0 && i < to; i = served.nextSetBit(i + 1)) {
                n++;
            }
            return n * PhysicalLayout.PAGE_SIZE;
        }
    }
}
