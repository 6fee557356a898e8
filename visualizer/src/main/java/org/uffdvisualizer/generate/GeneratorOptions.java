package org.uffdvisualizer.generate;

/**
 * What to generate.
 *
 * @param guestBytes guest RAM (the memory file's size), 256 MiB to 1 TiB
 * @param processes  user processes, JVMs included
 * @param jvms       how many of them are JVMs (each gets an NMT file)
 * @param faults     page faults in the uffd log
 * @param seed       the same seed gives the same bytes
 * @param resident   fraction of RAM frames that somebody owns in the dump
 * @param gzip       compress the files
 */
public record GeneratorOptions(long guestBytes, int processes, int jvms, int faults, long seed, double resident,
                               boolean gzip) {
    /** The guest sizes accepted, as --help and the error both say them. */
    public static final String GUEST_RANGE = "256M .. 1T";

    public GeneratorOptions {
        if (processes < 1 || jvms < 0 || jvms > processes) {
            throw new IllegalArgumentException("need at least one process, and no more JVMs than processes");
        }
        if (faults < 0) {
            throw new IllegalArgumentException("faults must not be negative");
        }
        if (!(resident > 0.01 && resident <= 0.95)) {
            throw new IllegalArgumentException("resident fraction must be in (0.01, 0.95]");
        }
        if (guestBytes < (256L << 20) || guestBytes > (1L << 40)) {
            throw new IllegalArgumentException("guest RAM must be " + GUEST_RANGE + ", not " + guestBytes + " bytes");
        }
    }

    /** Parses sizes like {@code 64G}, {@code 512M}, {@code 1T} or a number of bytes. */
    public static long parseSize(String s) {
        String t = s.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> unit = 1;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a size: give a number with M, G or T (" + GUEST_RANGE
                    + ")", e);
        }
    }
}
