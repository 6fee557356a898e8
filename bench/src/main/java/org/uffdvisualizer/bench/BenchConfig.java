package org.uffdvisualizer.bench;

import java.util.List;
import org.uffdvisualizer.generate.GeneratorOptions;

/**
 * One benchmarked capture: a generated guest and the heap its loading JVM gets.
 *
 * @param name     what the table calls it
 * @param options  how it is generated
 * @param xmx      the child JVM's {@code -Xmx}
 */
public record BenchConfig(String name, GeneratorOptions options, String xmx) {
    private static final long GIB = 1L << 30;

    /**
     * The standard set: 16 processes (4 JVMs), 200,000 faults, seed 1. Guests of 1, 64 and 256 GiB
     * have 75% of their RAM owned; the 16 GiB guest 31%, which gives 1.44 M {@code p} lines, the
     * size of the dump the original tool needed 4.4 s and 650 MB for.
     */
    public static List<BenchConfig> standard() {
        return List.of(
                new BenchConfig("1G", options(GIB, 0.75), "256m"),
                new BenchConfig("16G", options(16 * GIB, 0.31), "256m"),
                new BenchConfig("64G", options(64 * GIB, 0.75), "1g"),
                new BenchConfig("256G", options(256 * GIB, 0.75), "4g"));
    }

    private static GeneratorOptions options(long guest, double resident) {
        return new GeneratorOptions(guest, 16, 4, 200_000, 1, resident, false);
    }

    /** A stamp of the generator options, to tell whether a cached capture still fits. */
    String stamp() {
        return options.toString();
    }
}
