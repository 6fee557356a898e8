package org.uffdvisualizer.progress;

/**
 * Receives progress from long-running work (parsing, analysis) and tells it whether to stop.
 *
 * <p>Called on the worker thread, or one call at a time on the threads a parser runs (the
 * mem_mapping parser's workers report the chunks they put together). Implementations that
 * update a user interface must hand the values over to their own thread; they must be cheap,
 * because parsers call them every few thousand lines.
 */
public interface ProgressListener {

    /** A listener that ignores progress and never cancels. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(String task, long done, long total) {
        }
    };

    /**
     * Reports that {@code done} of {@code total} units (bytes of input, usually) are finished.
     *
     * @param task  what is being done, for a label ("mem_mapping.txt")
     * @param total the total, or -1 when it is not known
     */
    void progress(String task, long done, long total);

    /** Whether the caller asked to stop; work checks it regularly and throws {@link CancelledException}. */
    default boolean isCancelled() {
        return false;
    }

    /** Throws {@link CancelledException} if cancellation was requested. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
