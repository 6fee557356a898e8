package org.uffdvisualizer.model;

/**
 * How a VMM lays guest RAM out in guest-physical space, which decides where the offsets of the
 * snapshot memory file land and where RAM has holes.
 */
public enum MemoryLayout {
    /** File offset = guest-physical address; RAM from 0 without holes. */
    IDENTITY(0, -1),
    /**
     * x86_64 (Firecracker, QEMU pc): RAM from 0; nothing between 3 GiB and 4 GiB, where the
     * 32-bit MMIO gap sits, so file offsets from 3 GiB on hold guest-physical 4 GiB on.
     */
    X86_64(0, 3L << 30),
    /** aarch64 (Firecracker): RAM starts at 2 GiB, contiguous. */
    AARCH64(0x8000_0000L, -1);

    /** x86_64: where the 32-bit gap ends and RAM resumes. */
    public static final long FOUR_GIB = 4L << 30;

    private final long ramBase;
    private final long gapStart;

    MemoryLayout(long ramBase, long gapStart) {
        this.ramBase = ramBase;
        this.gapStart = gapStart;
    }

    /** Guest-physical address of the first byte of RAM. */
    public long ramBase() {
        return ramBase;
    }

    /** Start of the RAM hole below 4 GiB, or -1 if this layout has none. */
    public long gapStart() {
        return gapStart;
    }

    /** Guest-physical address of a memory-file offset when no region list is known. */
    public long offsetToPhysical(long offset) {
        if (gapStart >= 0 && offset >= gapStart) {
            return offset - gapStart + FOUR_GIB;
        }
        return ramBase + offset;
    }

    /**
     * Guest-physical start of memory region {@code index} of a handshake, given where the
     * previous region ended in guest-physical space ({@code previousEnd}, 0 for the first).
     * x86_64 puts the second region at 4 GiB, the others follow one another.
     */
    public long regionBase(int index, long previousEnd) {
        if (index == 0) {
            return ramBase;
        }
        if (this == X86_64 && previousEnd <= FOUR_GIB) {
            return FOUR_GIB;
        }
        return previousEnd;
    }

    /** Parses "identity", "x86_64" (or "x86-64"), "aarch64"; null if unknown. */
    public static MemoryLayout parse(String s) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "identity" -> IDENTITY;
            case "x86_64", "x86-64", "x86" -> X86_64;
            case "aarch64", "arm64" -> AARCH64;
            default -> null;
        };
    }

    /** The name users type: identity, x86_64, aarch64. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
