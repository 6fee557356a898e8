package org.uffdvisualizer.swing;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
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
        // The preferences file (XML, read on first use) is read on a thread of its own while this one starts the
        // toolkit, which the look and feel needs too; the theme is the first preference the look and feel asks for.
        FutureTask<AppPreferences> prefs = new FutureTask<>(() -> {
            AppPreferences p = AppPreferences.user();
            p.darkTheme();
            return p;
        });
        new Thread(prefs, "preferences").start();
        SwingUtilities.invokeLater(() -> {
            start.prefs = read(prefs);
            Theme.install(start.prefs);
            StartupTrace.mark("look-and-feel");
        });
        return start;
    }

    private static AppPreferences read(FutureTask<AppPreferences> prefs) {
        try {
            return prefs.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the preferences", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AppPreferences.user();
        }
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
            // Shown first: the loads fit their grids to the views, which are laid out when the window is shown. (Laid
            // out earlier, with its peer made for that, it was no faster: the first paint of the window then ran while
            // the grid was built, as it does now.)
            window.setVisible(true);
            StartupTrace.mark("window-shown");
            window.open(source, preload);
            for (int i = 0; i < others.size(); i++) {
                window.comparison().add(others.get(i), otherPreloads.get(i));
            }
        });
    }
}
