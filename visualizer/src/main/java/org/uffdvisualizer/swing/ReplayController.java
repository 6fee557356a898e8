package org.uffdvisualizer.swing;

import javax.swing.Timer;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.SelectionFaults;

/**
 * Runs the replay of one {@link CaptureSession}: a Swing {@link Timer} ticks about 60 times a
 * second on the Event Dispatch Thread, asks the {@link ReplayClock} where the cursor should be,
 * and moves the session's cursor; the views showing the session repaint only the cells that
 * changed. Nothing here sleeps or blocks.
 *
 * <p>Event Dispatch Thread only (checked by {@link ThreadGuard} on the entry points).
 */
public final class ReplayController {
    /** Tick period; the timer coalesces ticks when painting falls behind. */
    static final int TICK_MILLIS = 15;
    /** Work per tick when replaying as fast as possible, so that the window stays responsive. */
    private static final long FAST_BUDGET_NANOS = 8_000_000;
    private static final int FAST_BATCH = 1000;

    private final CaptureSession session;
    private final Timer timer;
    private final ReplayClock clock;
    private long lastTick;
    private long ticks;
    private boolean selectionOnly;

    ReplayController(CaptureSession session) {
        this.session = session;
        this.clock = new ReplayClock(session.grid().capture().trace());
        timer = new Timer(TICK_MILLIS, e -> tick());
        timer.setCoalesce(true);
    }

    public ReplayClock clock() {
        return clock;
    }

    public boolean isPlaying() {
        return timer.isRunning();
    }

    public int cursor() {
        return session.grid().cursor();
    }

    public int faultCount() {
        return session.grid().capture().trace().faultCount();
    }

    /** Ticks since the last start, for frame-rate measurements. */
    public long ticks() {
        return ticks;
    }

    public void play() {
        ThreadGuard.uiThreadGuard();
        if (faultCount() == 0) {
            return;
        }
        if (cursor() >= faultCount()) {
            seek(0);
        }
        clock.seek(cursor());
        lastTick = System.nanoTime();
        ticks = 0;
        timer.start();
        session.replayChanged();
    }

    public void stop() {
        ThreadGuard.uiThreadGuard();
        if (timer.isRunning()) {
            timer.stop();
            session.replayChanged();
        }
    }

    public void togglePlay() {
        if (isPlaying()) {
            stop();
        } else {
            play();
        }
    }

    /** Moves to {@code k} faults applied (clamped); playing continues from there. */
    public void seek(int k) {
        ThreadGuard.uiThreadGuard();
        int target = Math.max(0, Math.min(k, faultCount()));
        session.moveCursor(target);
        clock.seek(target);
        session.replayChanged();
    }

    public void step(int delta) {
        stop();
        if (!filtering()) {
            seek(cursor() + delta);
        } else if (delta > 0) {
            seek(SelectionFaults.advance(trace(), selection(), cursor(), delta));
        } else {
            int at = cursor();
            for (int n = 0; n < -delta && at > 0; n++) {
                at = SelectionFaults.previous(trace(), selection(), at - 2) + 1;
            }
            seek(at);
        }
    }

    /** Plays and steps through the selection's faults only (when something is selected). */
    public void setSelectionOnly(boolean on) {
        ThreadGuard.uiThreadGuard();
        selectionOnly = on;
    }

    public boolean isSelectionOnly() {
        return selectionOnly;
    }

    /** Moves to just after the selection's first ({@code last} false) or last fault; nothing if it has none. */
    public void seekSelectionFault(boolean last) {
        stop();
        int i = last ? SelectionFaults.previous(trace(), selection(), faultCount() - 1)
                : SelectionFaults.next(trace(), selection(), 0);
        if (i >= 0) {
            seek(i + 1);
        }
    }

    private boolean filtering() {
        return selectionOnly && !selection().isEmpty();
    }

    private FaultTrace trace() {
        return session.grid().capture().trace();
    }

    private Selection selection() {
        return session.grid().selection();
    }

    /** Changes mode and speed, keeping the position. */
    public void setSpeed(ReplayClock.Mode mode, double rate) {
        ThreadGuard.uiThreadGuard();
        clock.set(mode, rate, cursor());
    }

    private void tick() {
        long now = System.nanoTime();
        long elapsed = now - lastTick;
        lastTick = now;
        ticks++;
        int n = faultCount();
        if (clock.isAsFastAsPossible()) {
            int k = cursor();
            long start = System.nanoTime();
            do {
                k = filtering() ? SelectionFaults.advance(trace(), selection(), k, FAST_BATCH) : Math.min(n, k + FAST_BATCH);
                session.moveCursor(k);
            } while (k < n && System.nanoTime() - start < FAST_BUDGET_NANOS);
        } else if (filtering()) {
            // The clock says how many faults this tick plays; they are the selection's next ones.
            int due = clock.advance(cursor(), elapsed) - cursor();
            if (due > 0) {
                int k = SelectionFaults.advance(trace(), selection(), cursor(), due);
                session.moveCursor(k);
                clock.seek(k);
            }
        } else {
            session.moveCursor(clock.advance(cursor(), elapsed));
        }
        if (cursor() >= n) {
            timer.stop();
        }
        session.replayChanged();
    }
}
