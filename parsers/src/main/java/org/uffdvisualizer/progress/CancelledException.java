package org.uffdvisualizer.progress;

/** Thrown by work that stopped because its {@link ProgressListener} asked it to; no result exists. */
public final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled", null, false, false);
    }
}
