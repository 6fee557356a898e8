package org.uffdvisualizer.progress;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link ProgressListener} decorator with a cancel button: any thread may call {@link #cancel()},
 * the worker sees it at its next check.
 */
public final class CancellationFlag implements ProgressListener {
    private final ProgressListener delegate;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public CancellationFlag(ProgressListener delegate) {
        this.delegate = delegate;
    }

    /** Requests cancellation; safe from any thread. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public void progress(String task, long done, long total) {
        delegate.progress(task, done, total);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || delegate.isCancelled();
    }
}
