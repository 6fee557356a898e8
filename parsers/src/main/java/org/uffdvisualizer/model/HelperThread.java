package org.uffdvisualizer.model;

/**
 * Work started on a thread of its own, to be waited for with {@link #join()}, which rethrows
 * what the work threw (unchecked exceptions and errors, an {@link OutOfMemoryError} too) on the
 * waiting thread.
 */
final class HelperThread implements Runnable {
    private final Runnable work;
    private final Thread thread;
    /** Written by the helper before it ends; read after {@link Thread#join()}, which orders the two. */
    private Throwable failure;

    private HelperThread(String name, Runnable work) {
        this.work = work;
        thread = new Thread(this, name);
    }

    /** Starts {@code work} on a new thread called {@code name}. */
    static HelperThread start(String name, Runnable work) {
        HelperThread helper = new HelperThread(name, work);
        helper.thread.start();
        return helper;
    }

    @Override
    public void run() {
        try {
            work.run();
        } catch (Throwable t) {
            failure = t;
        }
    }

    /** Waits for the work to end; throws what it threw. */
    void join() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + thread.getName(), e);
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error err) {
            throw err;
        }
    }
}
