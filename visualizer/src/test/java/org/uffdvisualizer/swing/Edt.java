package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/** Runs test code on the Event Dispatch Thread and waits there for conditions, for tests without assertj-swing's robot. */
final class Edt {
    private Edt() {
    }

    /** The value of {@code c} computed on the Event Dispatch Thread; its exception is rethrown here. */
    static <T> T call(Callable<T> c) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> {
                try {
                    result.set(c.call());
                } catch (Exception e) {
                    failure.set(e);
                }
            });
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** Waits up to 60 s until {@code test}, evaluated on the Event Dispatch Thread, holds. */
    static void waitFor(String what, Callable<Boolean> test) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Boolean.TRUE.equals(call(test))) {
            if (System.nanoTime() > deadline) {
                fail("timed out after 60 s waiting for: " + what);
            }
            Thread.sleep(10);    // polling interval of the condition, not a wait for something to happen
        }
    }
}
