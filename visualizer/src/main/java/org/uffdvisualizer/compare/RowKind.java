package org.uffdvisualizer.compare;

/** What a comparison row stands for. */
public enum RowKind {
    /** A process, named by its executable (a second process of one executable is "NAME #2"); also kernel and page cache. */
    PROCESS,
    /** All mappings of one name in one process ("(anonymous)" for those without a name). */
    MAPPING,
    /** One NMT category of a JVM. */
    NMT_CATEGORY,
    /** The pages of the selection by name ({@link NamedSelection}). */
    SELECTION
}
