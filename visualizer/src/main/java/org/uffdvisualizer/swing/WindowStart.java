package org.uffdvisualizer.swing;

import javax.swing.SwingUtilities;

/**
 * The window of a start-up, built on the Event Dispatch Thread (look and feel, preferences,
 * window) from {@link #begin} on, while the calling thread finds the capture and a
 * {@link Preload} parses it: two things at once on two cores. {@link #show} then shows the window
 * and the capture. Both post their work in that order to the Event Dispatch Thread; call them
 * from one thread.
 */
public final class WindowStart {
    /** Set and read on the Event Dispatch Thread only (the two posted tasks run there in order). */
    private MainWindow window;

    private WindowStart() {
    }

    /** Starts building the window. */
    public static WindowStart begin(WindowOptions options) {
        WindowStart start = new WindowStart();
        SwingUtilities.invokeLater(() -> {
            AppPreferences prefs = AppPreferences.user();
            MainWindow.installLookAndFeel(prefs);
            StartupTrace.mark("look-and-feel");
            start.window = new MainWindow(options, prefs);
            StartupTrace.mark("window-built");
        });
        return start;
    }

    /** Shows the window, loading {@code source} from {@code preload} (started on it) with progress and Cancel. */
    public void show(CaptureSource source, Preload preload) {
        SwingUtilities.invokeLater(() -> {
            window.setVisible(true);
            StartupTrace.mark("window-shown");
            window.open(source, preload);
        });
    }
}
