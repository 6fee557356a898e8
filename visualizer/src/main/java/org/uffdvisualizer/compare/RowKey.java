package org.uffdvisualizer.compare;

/** What makes rows of two runs the same row: kind, process label and name, never a PID. */
record RowKey(RowKind kind, String process, String name) {
}
