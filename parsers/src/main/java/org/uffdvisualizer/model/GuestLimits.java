package org.uffdvisualizer.model;

/**
 * The largest guest the tool supports, checked when a capture is read so that no address
 * computation further on can overflow or size an array from a number nobody could have captured.
 *
 * <p>Guest-physical addresses end below {@link #MAX_PHYSICAL_END} (2 TiB, frame numbers below
 * 2^29, so a frame times any cell or pixel factor still fits an int). Memory files (guest RAM) are
 * at most {@link #MAX_RAM_BYTES}: 4 GiB less, which is room for every layout's holes (x86_64's
 * 1 GiB MMIO gap, aarch64's RAM base at 2 GiB). One fault serves at most {@link #MAX_FAULT_BYTES},
 * the largest page a handler copies in one go (a 1 GiB huge page).
 */
public final class GuestLimits {
    public static final long MAX_PHYSICAL_END = 1L << 41;
    public static final long MAX_FRAMES = MAX_PHYSICAL_END >>> PhysicalLayout.PAGE_SHIFT;
    public static final long MAX_RAM_BYTES = MAX_PHYSICAL_END - (4L << 30);
    public static final long MAX_FAULT_BYTES = 1L << 30;
    /** The limit in words, for messages. */
    public static final String DESCRIPTION = "2 TiB of guest-physical address space";

    private GuestLimits() {
    }

    /** True if {@code [start, start + length)} lies inside the supported guest-physical space. */
    public static boolean isPhysicalRange(long start, long length) {
        return start >= 0 && length >= 0 && start <= MAX_PHYSICAL_END && length <= MAX_PHYSICAL_END - start;
    }
}
