package org.uffdvisualizer.swing;

import javax.swing.Timer;
import org.uffdvisualizer.render.PageGrid;

/**
 * Runs the replay: a Swing {@link Timer} ticks about 60 times a second on the Event Dispatch
 * Thread, asks the {@link ReplayClock} where the cursor should be, and moves it on the canvas,
 * which repaints only the cells that changed. Nothing here sleeps or blocks.
 *
 * <p>Event Dispatch Thread only.
 */
public final class ReplayController {
    /** Tick period; the timer coalesces ticks when painting falls behind. */
    static final int TICK_MILLIS = 15;
    /** Work per tick when replaying as fast as possible, so that the window stays responsive. */
    private static final long FAST_BUDGET_NANOS = 8_000_000;
    private static final int FAST_BATCH = 1000;

    private final PageGridCanvas canvas;
    private final Runnable changed;
    private final Timer timer;
    private ReplayClock clock;
    private long lastTick;
    private long ticks;

    /**
     * @param changed run after every move of the cursor and every start or stop (updates status and slider)
     */
    public ReplayController(PageGridCanvas canvas, Runnable changed) {
        this.canvas = canvas;
        this.changed = changed;
        timer = new Timer(TICK_MILLIS, e -> tick());
        timer.setCoalesce(true);
    }

    /** Starts over for the canvas's current grid. */
    public void reset() {
        stop();
        PageGrid g = canvas.grid();
        ReplayClock old = clock;
        clock = g == null ? null : new ReplayClock(g.capture().trace());
        if (clock != null && old != null && (old.mode() == ReplayClock.Mode.ORDER || clock.hasTimestamps())) {
            clock.set(old.mode(), old.rate(), cursor());
        }
        changed.run();
    }

    public ReplayClock clock() {
        return clock;
    }

    public boolean isPlaying() {
        return timer.isRunning();
    }

    public int cursor() {
        return canvas.grid() == null ? 0 : canvas.grid().cursor();
    }

    public int faultCount() {
        return canvas.grid() == null ? 0 : canvas.grid().capture().trace().faultCount();
    }

    /** Ticks since the last start, for frame-rate measurements. */
    public long ticks() {
        return ticks;
    }

    public void play() {
        if (clock == null || faultCount() == 0) {
            return;
        }
        if (cursor() >= faultCount()) {
            seek(0);
        }
        clock.seek(cursor());
        lastTick = System.nanoTime();
        ticks = 0;
        timer.start();
        changed.run();
    }

    public void stop() {
        if (timer.isRunning()) {
            timer.stop();
            changed.run();
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
        int target = Math.max(0, Math.min(k, faultCount()));
        canvas.applyCursor(target);
        if (clock != null) {
            clock.seek(target);
        }
        changed.run();
    }

    public void step(int delta) {
        stop();
        seek(cursor() + delta);
    }

    /** Changes mode and speed, keeping the position. */
    public void setSpeed(ReplayClock.Mode mode, double rate) {
        if (clock != null) {
            clock.set(mode, rate, cursor());
        }
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
                canvas.applyCursor(k);
            } while (k < n && System.nanoTime() - start < FAST_BUDGET_NANOS);
        } else {
            canvas.applyCursor(clock.advance(cursor(), elapsed));
        }
        if (cursor() >= n) {
            timer.stop();
        }
        changed.run();
    }
}
