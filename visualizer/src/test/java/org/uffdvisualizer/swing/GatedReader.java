package org.uffdvisualizer.swing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Reads the real capture files, but only once the test opens the gate: the test sees when the
 * load has started ({@link #awaitEntered}) and decides when it goes on ({@link #open}), so the
 * order of two loads is the test's, not the scheduler's. The read that follows honours cancel
 * as every load does.
 */
final class GatedReader implements CaptureReader {
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch gate = new CountDownLatch(1);
    private volatile ProgressListener progress;

    @Override
    public LoadedCapture read(CaptureSource source, ProgressListener listener) throws Exception {
        progress = listener;
        entered.countDown();
        if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate of " + source.title());
        }
        return CaptureReader.FILES.read(source, listener);
    }

    void awaitEntered() throws InterruptedException {
        if (!entered.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the load never started reading");
        }
    }

    /** Whether the load asked this reader to stop (it will, at its first check after the gate). */
    boolean cancelRequested() {
        return progress != null && progress.isCancelled();
    }

    void open() {
        gate.countDown();
    }
}
