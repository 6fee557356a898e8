package org.uffdvisualizer.swing;

import javax.swing.Timer;

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
        seek(cursor() + delta);
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
                k = Math.min(n, k + FAST_BATCH);
                session.moveCursor(k);
            } while (k < n && System.nanoTime() - start < FAST_BUDGET_NANOS);
        } else {
            session.moveCursor(clock.advance(cursor(), elapsed));
        }
        if (cursor() >= n) {
            timer.stop();
        }
        session.replayChanged();
    }
}
