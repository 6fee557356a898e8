package org.uffdvisualizer.model;

/** What a section of a mem_mapping dump ({@code = PID EXE}) describes. */
public enum SectionKind {
    /** A user process: {@code v} lines are virtual mappings, {@code p} lines map virtual to physical pages. */
    PROCESS,
    /** {@code = 0 kernel}: {@code v} lines are kernel image ranges, {@code p} lines carry kpageflags. */
    KERNEL,
    /** {@code = -1 pagecache}: one {@code v} line over all RAM, {@code p} lines carry kpageflags. */
    PAGECACHE;

    /** The pid that the dump uses for this kind of section (0 kernel, -1 page cache). */
    public static SectionKind ofPid(int pid) {
        return pid == 0 ? KERNEL : pid == -1 ? PAGECACHE : PROCESS;
    }
}
