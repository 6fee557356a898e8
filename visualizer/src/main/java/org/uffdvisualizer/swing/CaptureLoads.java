package org.uffdvisualizer.swing;

/**
 * The loads into one {@link CaptureView}, at most one current. Every {@link #start} is a new
 * {@link Load}, the identity that its task's reports carry; starting one supersedes (and cancels)
 * the current one, and from then on whatever the old task reports is dropped: its progress, its
 * cancellation, its failure and its result. So a load that finishes late never replaces the newer
 * capture, and cancelling an old load never hides the progress of the new one.
 *
 * <p>Event Dispatch Thread only (checked by {@link ThreadGuard} when it is on).
 */
final class CaptureLoads {

    /** What became of a load, as far as the view is concerned. */
    enum State { RUNNING, OPENED, FAILED, CANCELLED, SUPERSEDED }

    /** Where the outcome of the current load goes, on the Event Dispatch Thread. */
    interface Target {
        void progress(Load load, LoadCaptureTask.Progress p);

        void opened(Load load, CaptureSession session);

        void failed(Load load, String message);

        void cancelled(Load load);
    }

    /** One load: its source, what became of it, and whether its task has reported its end. */
    static final class Load {
        private final long id;
        private final CaptureSource source;
        private LoadCaptureTask task;
        private State state = State.RUNNING;
        private boolean ended;

        private Load(long id, CaptureSource source) {
            this.id = id;
            this.source = source;
        }

        CaptureSource source() {
            return source;
        }

        State state() {
            return state;
        }

        /** The task doing the work (its background part may be done while its outcome is still on the way). */
        LoadCaptureTask task() {
            return task;
        }

        /** Whether its task has reported its outcome (used or dropped). */
        boolean hasEnded() {
            return ended;
        }

        @Override
        public String toString() {
            return "load " + id + " of " + source.title() + ": " + state + (ended ? ", ended" : "");
        }
    }

    private final Target target;
    private long lastId;
    private Load current;

    CaptureLoads(Target target) {
        this.target = target;
    }

    /** Starts loading; a load still running is cancelled and its outcome dropped. */
    Load start(LoadCaptureTask.Request request) {
        ThreadGuard.uiThreadGuard();
        Load old = current;
        Load load = new Load(++lastId, request.source());
        load.task = new LoadCaptureTask(request, outcomeOf(load));
        // The new load is current before the old one is cancelled: a cancelled task reports at once
        // (on this thread), and that report must find itself superseded.
        current = load;
        if (old != null) {
            old.state = State.SUPERSEDED;
            old.task.cancelLoad();
        }
        load.task.execute();
        return load;
    }

    /** Cancels the current load, if any; the view hears of it when the task has stopped. */
    void cancel() {
        ThreadGuard.uiThreadGuard();
        if (current != null) {
            current.task.cancelLoad();
        }
    }

    boolean isLoading() {
        return current != null;
    }

    /** The load whose outcome still counts, or null. */
    Load current() {
        return current;
    }

    /** Forwards what {@code load}'s task reports only while it is the current load. */
    private LoadCaptureTask.Outcome outcomeOf(Load load) {
        return new LoadCaptureTask.Outcome() {
            @Override
            public void progress(LoadCaptureTask.Progress p) {
                if (load == current) {
                    target.progress(load, p);
                }
            }

            @Override
            public void opened(CaptureSession session) {
                if (end(load, State.OPENED)) {
                    target.opened(load, session);
                } else {
                    session.close();
                }
            }

            @Override
            public void failed(String message) {
                if (end(load, State.FAILED)) {
                    target.failed(load, message);
                }
            }

            @Override
            public void cancelled() {
                if (end(load, State.CANCELLED)) {
                    target.cancelled(load);
                }
            }
        };
    }

    /** Marks the load ended; true if it was the current one (which it then no longer is). */
    private boolean end(Load load, State outcome) {
        load.ended = true;
        if (load != current) {
            return false;
        }
        current = null;
        load.state = outcome;
        return true;
    }
}
