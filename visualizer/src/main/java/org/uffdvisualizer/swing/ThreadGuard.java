package org.uffdvisualizer.swing;

import java.awt.EventQueue;

/**
 * Runtime checks of the thread contracts the window's classes state in their Javadoc ("Event
 * Dispatch Thread only", "background thread"). Off by default, on with
 * {@code -DuffdVisualizer.threadChecks=true} (the tests always set it): a call on the wrong
 * thread then throws {@link IllegalStateException} naming the thread, instead of corrupting
 * state now and showing as a heisenbug later. When off, a guard is one read of a constant.
 */
public final class ThreadGuard {
    /** The system property that switches the guards on. */
    public static final String PROPERTY = "uffdVisualizer.threadChecks";
    private static final boolean ENABLED = Boolean.getBoolean(PROPERTY);

    private ThreadGuard() {
    }

    /** Whether the guards check anything in this run. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Throws unless called on the Event Dispatch Thread (when the guards are on). */
    public static void uiThreadGuard() {
        if (ENABLED && !EventQueue.isDispatchThread()) {
            throw new IllegalStateException("must be called on the Event Dispatch Thread, not on "
                    + Thread.currentThread().getName());
        }
    }

    /** Throws if called on the Event Dispatch Thread (when the guards are on): long work must not block it. */
    public static void notUiThreadGuard() {
        if (ENABLED && EventQueue.isDispatchThread()) {
            throw new IllegalStateException("must not be called on the Event Dispatch Thread (it would freeze the window)");
        }
    }
}
