package org.uffdvisualizer.render;

import java.util.ArrayList;
import java.util.List;

/** Names of the bits of a {@code /proc/kpageflags} word (include/uapi/linux/kernel-page-flags.h). */
public final class KPageFlags {
    private static final String[] NAMES = new String[64];

    static {
        String[] low = {"LOCKED", "ERROR", "REFERENCED", "UPTODATE", "DIRTY", "LRU", "ACTIVE", "SLAB",
            "WRITEBACK", "RECLAIM", "BUDDY", "MMAP", "ANON", "SWAPCACHE", "SWAPBACKED", "COMPOUND_HEAD",
            "COMPOUND_TAIL", "HUGE", "UNEVICTABLE", "HWPOISON", "NOPAGE", "KSM", "THP", "OFFLINE",
            "ZERO_PAGE", "IDLE", "PGTABLE"};
        System.arraycopy(low, 0, NAMES, 0, low.length);
        NAMES[32] = "RESERVED";
        NAMES[33] = "MLOCKED";
        NAMES[34] = "MAPPEDTODISK";
        NAMES[35] = "PRIVATE";
        NAMES[36] = "PRIVATE_2";
        NAMES[37] = "OWNER_PRIVATE";
        NAMES[38] = "ARCH";
        NAMES[39] = "UNCACHED";
        NAMES[40] = "SOFTDIRTY";
        NAMES[41] = "ARCH_2";
    }

    private KPageFlags() {
    }

    /** The names of the bits set in {@code word}, lowest bit first; unnamed bits as "bit N". */
    public static List<String> names(long word) {
        List<String> names = new ArrayList<>();
        for (int b = 0; b < 64; b++) {
            if ((word & (1L << b)) != 0) {
                names.add(NAMES[b] != null ? NAMES[b] : "bit " + b);
            }
        }
        return names;
    }
}
