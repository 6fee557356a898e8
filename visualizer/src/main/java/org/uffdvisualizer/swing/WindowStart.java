package org.uffdvisualizer.swing;

import java.util.List;
import javax.swing.SwingUtilities;
import org.uffdvisualizer.parse.CaptureException;

/**
 * The window of a start-up, set up on the Event Dispatch Thread while the calling thread goes on:
 * {@link #prepare} (preferences and look and feel, which need no option) can start before the
 * command line is parsed, {@link #build} builds the window while the capture is found and a
 * {@link Preload} parses it, {@link #show} shows the window and the capture. Each posts its work
 * to the Event Dispatch Thread, where it runs in that order; call them from one thread.
 */
public final class WindowStart {
    /** Set and read on the Event Dispatch Thread only (the posted tasks run there in order). */
    private AppPreferences prefs;
    private MainWindow window;

    private WindowStart() {
    }

    /** Starts reading the preferences and setting up the look and feel. */
    public static WindowStart prepare() {
        WindowStart start = new WindowStart();
        SwingUtilities.invokeLater(() -> {
            start.prefs = AppPreferences.user();
            Theme.install(start.prefs);
            StartupTrace.mark("look-and-feel");
        });
        return start;
    }

    /** Builds the window, once prepared. */
    public WindowStart build(WindowOptions options) {
        SwingUtilities.invokeLater(() -> {
            window = new MainWindow(options, prefs);
            StartupTrace.mark("window-built");
        });
        return this;
    }

    /**
     * Builds the window and shows it on the bundled capture, which this thread extracts meanwhile
     * and a {@link Preload} parses. The bundled capture cannot be missing or wrong (the build would
     * not be one), so the window's build need not wait for it.
     */
    public void openBundled(WindowOptions options) throws CaptureException {
        build(options);
        CaptureSource source = BundledCapture.source(options.loader());
        StartupTrace.mark("capture-extracted");
        show(source, Preload.start(source), List.of(), List.of());
    }

    /**
     * Shows the window, loading {@code source} from {@code preload} (started on it) with progress and
     * Cancel, and beside it, compared with it, each of {@code others} from its preload.
     */
    public void show(CaptureSource source, Preload preload, List<CaptureSource> others, List<Preload> otherPreloads) {
        SwingUtilities.invokeLater(() -> {
            window.setVisible(true);
            StartupTrace.mark("window-shown");
            window.open(source, preload);
            for (int i = 0; i < others.size(); i++) {
                window.comparison().add(others.get(i), otherPreloads.get(i));
            }
        });
    }
}
