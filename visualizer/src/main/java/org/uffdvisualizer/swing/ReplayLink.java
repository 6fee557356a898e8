package org.uffdvisualizer.swing;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the replays of the captures in a comparison in step: whichever replay moves (played,
 * stepped, dragged, typed into), the others follow to the matching position, so one play or
 * step drives all. What matches is the {@link Step} chosen: the same share of each trace, the
 * same time since each trace's first fault, or the same number of faults. A replay that starts
 * playing stops the others' own playing, so that one clock drives at a time.
 *
 * <p>Event Dispatch Thread only.
 */
final class ReplayLink {

    /** How positions in two traces are matched. */
    enum Step {
        FRACTION("fraction of the trace"),
        TIMESTAMP("timestamp"),
        FAULT_INDEX("fault index"),
        OFF("not linked");

        private final String label;

        Step(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final List<CaptureSession> sessions = new ArrayList<>();
    private final Map<CaptureSession, Follower> followers = new IdentityHashMap<>();
    private Step step = Step.FRACTION;
    private boolean moving;

    /** Links exactly {@code linked} (the sessions shown now), in order. */
    void link(List<CaptureSession> linked) {
        ThreadGuard.uiThreadGuard();
        for (CaptureSession s : sessions) {
            if (!linked.contains(s)) {
                s.removeListener(followers.remove(s));
            }
        }
        for (CaptureSession s : linked) {
            if (!followers.containsKey(s)) {
                Follower f = new Follower(s);
                followers.put(s, f);
                s.addListener(f);
            }
        }
        sessions.clear();
        sessions.addAll(linked);
        if (!sessions.isEmpty()) {
            follow(sessions.get(0));
        }
    }

    void setStep(Step s) {
        step = s;
        if (!sessions.isEmpty()) {
            follow(sessions.get(0));
        }
    }

    Step step() {
        return step;
    }

    /** Moves every other replay to the position matching {@code driver}'s. */
    private void follow(CaptureSession driver) {
        if (moving || step == Step.OFF) {
            return;
        }
        moving = true;
        try {
            int cursor = driver.replay().cursor();
            for (CaptureSession s : sessions) {
                if (s != driver) {
                    if (driver.replay().isPlaying()) {
                        s.replay().stop();
                    }
                    s.replay().seek(position(driver, cursor, s));
                    followers.get(s).seen = s.replay().cursor();
                }
            }
            followers.get(driver).seen = cursor;
        } finally {
            moving = false;
        }
    }

    /** The position in {@code other} that matches {@code cursor} faults applied in {@code driver}. */
    int position(CaptureSession driver, int cursor, CaptureSession other) {
        int from = driver.replay().faultCount();
        int to = other.replay().faultCount();
        if (cursor <= 0 || from == 0) {
            return 0;
        }
        if (cursor >= from) {
            return to;
        }
        return switch (step) {
            case FAULT_INDEX -> Math.min(cursor, to);
            case TIMESTAMP -> driver.timeline().byTime() && other.timeline().byTime()
                    ? other.timeline().cursorAt(driver.timeline().xOfCursor(cursor))
                    : fraction(cursor, from, to);
            default -> fraction(cursor, from, to);
        };
    }

    private static int fraction(int cursor, int from, int to) {
        return (int) Math.round((double) cursor * to / from);
    }

    /** Hears one session's replay moves; ignores those the link made itself or that did not move it. */
    private final class Follower implements CaptureSession.Listener {
        private final CaptureSession session;
        private int seen = -1;

        Follower(CaptureSession session) {
            this.session = session;
        }

        @Override
        public void replayChanged() {
            int cursor = session.replay().cursor();
            if (!moving && (cursor != seen || session.replay().isPlaying())) {
                follow(session);
            }
        }
    }
}
