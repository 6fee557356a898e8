package org.uffdvisualizer.swing;

import java.util.Map;
import java.util.function.IntConsumer;
import javax.swing.Action;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import javax.swing.JSpinner;
import javax.swing.SpinnerNumberModel;
import org.uffdvisualizer.render.FaultTrail;

/**
 * The replay bar: jump to start, step back, play/pause, step forward, jump to end (the shared
 * actions), the timeline slider, a "go to fault" field, and mode and speed choosers. It drives
 * the replay of the session its {@link CaptureView} shows ({@link #show}); mode and speed stay
 * as chosen when the view shows another session. A "trail" field sets how many past faults fade
 * behind the current-fault marker (0, the default, for none).
 *
 * <p>Event Dispatch Thread only.
 */
public final class ReplayControls extends JPanel {
    private static final long serialVersionUID = 1L;

    /**
     * A speed choice: rate per mode (faults per second, or time factor), or minus the seconds the
     * whole trace takes. Each choice is one of the constants below, so equal means the same object:
     * a class rather than a record, whose equals (which the combo box calls) the JVM makes on its
     * first call, at start-up (2% of the window's build, docs/PERFORMANCE.md).
     */
    static final class Speed {
        private final String label;
        private final double rate;

        Speed(String label, double rate) {
            this.label = label;
            this.rate = rate;
        }

        double rate() {
            return rate;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The speed a replay starts at: the whole trace in about 15 s, whatever its length. */
    static final Speed WHOLE_IN_15_S = new Speed("whole restore in 15 s", -15);
    static final Speed[] ORDER_SPEEDS = {
        WHOLE_IN_15_S, new Speed("1 fault/s", 1), new Speed("10 faults/s", 10), new Speed("100 faults/s", 100),
        new Speed("1,000 faults/s", 1000), new Speed("10,000 faults/s", 10_000),
        new Speed("60,000 faults/s (1,000 per frame)", 60_000), new Speed("600,000 faults/s", 600_000),
        new Speed("as fast as possible", ReplayClock.AS_FAST_AS_POSSIBLE)};
    static final Speed[] TIME_SPEEDS = {
        new Speed("1/1000 real time", 0.001), new Speed("1/100 real time", 0.01), new Speed("1/10 real time", 0.1),
        new Speed("real time", 1), new Speed("10x real time", 10),
        new Speed("as fast as possible", ReplayClock.AS_FAST_AS_POSSIBLE)};

    private ReplayController controller;
    private final JSlider slider = new JSlider(0, 0, 0);
    private final JSpinner goTo = new JSpinner(new SpinnerNumberModel(0, 0, 0, 1));
    private final JComboBox<ReplayClock.Mode> mode = new JComboBox<>(ReplayClock.Mode.values());
    private final JComboBox<Speed> speed = new JComboBox<>(ORDER_SPEEDS);
    private final JLabel time = new JLabel(" ");
    private final JSpinner trail = new JSpinner(new SpinnerNumberModel(0, 0, FaultTrail.MAX_LENGTH, 1));
    private boolean updating;

    public ReplayControls(Map<WindowAction, Action> actions) {
        // Buttons | slider (grows) | go-to field | mode | speed | trace time | trail length; in two rows
        // (buttons, slider and go-to; mode, speed and time, abbreviated, and trail) when that does not fit.
        RowsWhenNarrow layout = new RowsWhenNarrow(this, "insets 2 4 2 4, gap 4",
                "[][][][][]8[grow, fill]8[][100!]8[][][110!]8[][50!]", "insets 2 4 2 4, gap 4, fillx");
        for (WindowAction a : new WindowAction[] {WindowAction.TO_START, WindowAction.STEP_BACK, WindowAction.PLAY_PAUSE,
            WindowAction.STEP_FORWARD, WindowAction.TO_END}) {
            JButton b = new JButton(actions.get(a));
            b.setHideActionText(true);
            b.setName("replay." + a.name());
            b.setFocusable(false);
            layout.add(b, "", "cell 0 0");
        }
        slider.setName("timeline");
        slider.setToolTipText("Drag to scrub through the faults");
        slider.addChangeListener(e -> {
            if (!updating && controller != null) {
                controller.seek(slider.getValue());
            }
        });
        layout.add(slider, "", "cell 0 0, growx, wmin 30");
        layout.add(new JLabel("Go to fault"), "", "cell 0 0");
        goTo.setName("goToFault");
        goTo.setToolTipText("Number of faults applied; Enter jumps there");
        goTo.addChangeListener(e -> {
            if (!updating && controller != null) {
                controller.seek(((Number) goTo.getValue()).intValue());
            }
        });
        layout.add(goTo, "", "cell 0 0, w 85:100:100");
        mode.setName("replayMode");
        mode.setToolTipText("Replay faults in log order at a fixed rate, or at the times the log recorded");
        speed.setName("replaySpeed");
        speed.setSelectedIndex(0);
        mode.addActionListener(e -> modeChanged());
        speed.addActionListener(e -> applySpeed());
        layout.add(mode, "", "cell 0 1, wmin 0, growx").add(speed, "", "cell 0 1, wmin 0, growx");
        time.setName("traceTime");
        layout.add(time, "", "cell 0 1, wmin 0, growx").add(new JLabel("Trail"), "", "cell 0 1");
        trail.setName("faultTrail");
        trail.setToolTipText("How many past faults fade behind the current-fault marker (0: none)");
        layout.add(trail, "", "cell 0 1, w 50!").install();
    }

    /** Tells {@code length} the trail length the user chooses, whenever it changes. */
    public void onTrailLength(IntConsumer length) {
        trail.addChangeListener(e -> length.accept(((Number) trail.getValue()).intValue()));
    }

    /** Focus for the "Go to Fault" action. */
    public void focusGoTo() {
        ((JSpinner.DefaultEditor) goTo.getEditor()).getTextField().requestFocusInWindow();
        ((JSpinner.DefaultEditor) goTo.getEditor()).getTextField().selectAll();
    }

    public JSlider slider() {
        return slider;
    }

    /** Drives {@code replay} (null for none) from now on: ranges, modes available, speed applied to it. */
    public void show(ReplayController replay) {
        ThreadGuard.uiThreadGuard();
        controller = replay;
        updating = true;
        try {
            int n = controller == null ? 0 : controller.faultCount();
            int at = controller == null ? 0 : controller.cursor();
            slider.setMaximum(n);
            slider.setValue(at);
            goTo.setModel(new SpinnerNumberModel(at, 0, n, 1));
            boolean times = controller != null && controller.clock().hasTimestamps();
            mode.setEnabled(times);
            if (!times) {
                mode.setSelectedItem(ReplayClock.Mode.ORDER);
            }
            setEnabledAll(n > 0);
        } finally {
            updating = false;
        }
        modeChanged();
    }

    private void setEnabledAll(boolean on) {
        slider.setEnabled(on);
        goTo.setEnabled(on);
        speed.setEnabled(on);
    }

    private void modeChanged() {
        ReplayClock.Mode m = (ReplayClock.Mode) mode.getSelectedItem();
        Speed[] speeds = m == ReplayClock.Mode.TIMESTAMP ? TIME_SPEEDS : ORDER_SPEEDS;
        if (((DefaultComboBoxModel<Speed>) speed.getModel()).getIndexOf(speeds[0]) < 0) {
            updating = true;
            speed.setModel(new DefaultComboBoxModel<>(speeds));
            speed.setSelectedIndex(m == ReplayClock.Mode.TIMESTAMP ? 2 : 0);
            updating = false;
        }
        applySpeed();
    }

    private void applySpeed() {
        if (updating || controller == null) {
            return;
        }
        ReplayClock.Mode m = (ReplayClock.Mode) mode.getSelectedItem();
        if (m == ReplayClock.Mode.TIMESTAMP && !controller.clock().hasTimestamps()) {
            return;
        }
        double rate = ((Speed) speed.getSelectedItem()).rate();
        // A negative rate is a duration for the whole trace, in seconds.
        controller.setSpeed(m, rate < 0 ? Math.max(1, controller.faultCount() / -rate) : rate);
    }

    /** After every cursor move. */
    public void cursorChanged() {
        if (controller == null) {
            return;
        }
        updating = true;
        try {
            slider.setValue(controller.cursor());
            goTo.setValue(controller.cursor());
            long ns = controller.clock().traceNanos(controller.cursor());
            time.setText(ns >= 0 ? String.format("t = %.3f ms", ns / 1e6) : " ");
        } finally {
            updating = false;
        }
    }

    /** Selects a speed by rate, for tests and the benchmark. */
    void selectSpeed(double rate) {
        for (int i = 0; i < speed.getItemCount(); i++) {
            if (speed.getItemAt(i).rate() == rate) {
                speed.setSelectedIndex(i);
            }
        }
    }
}
