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
}
