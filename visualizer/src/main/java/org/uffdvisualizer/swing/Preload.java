package org.uffdvisualizer.swing;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.swing.tree.DefaultMutableTreeNode;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * A capture parsed from start-up on, while the look and feel and the window are being set up
 * (two things at once on two cores). The window's load of it ({@link MainWindow#open(CaptureSource,
 * Preload)}) then waits for it as for any other load: from the moment that load starts, the
 * parser reports its progress to it and stops when it is cancelled. The same thread then builds
 * the capture's tree, which the load takes from here instead of building it again.
 */
public final class Preload {
    private final FutureTask<LoadedCapture> parse;
    private final FutureTask<DefaultMutableTreeNode> tree;
    /** Where the parser's progress goes and whom it asks whether to stop: nobody, until a load takes it over. */
    private volatile ProgressListener owner = ProgressListener.NONE;

    private Preload(CaptureSource source, CaptureReader reader) {
        ProgressListener forward = new ProgressListener() {
            @Override
            public void progress(String task, long done, long total) {
                owner.progress(task, done, total);
            }

            @Override
            public boolean isCancelled() {
                return owner.isCancelled();
            }
        };
        parse = new FutureTask<>(() -> {
            LoadedCapture loaded = reader.read(source, forward);
            StartupTrace.mark("capture-parsed");
            return loaded;
        });
        tree = new FutureTask<>(() -> CaptureTree.build(parse.get().capture()));
    }

    /** Starts parsing {@code source} on a daemon thread of its own. Any thread. */
    public static Preload start(CaptureSource source) {
        return start(source, CaptureReader.FILES);
    }

    static Preload start(CaptureSource source, CaptureReader reader) {
        Preload p = new Preload(source, reader);
        Thread t = new Thread(() -> {
            p.parse.run();
            p.tree.run();
        }, "capture-preload");
        t.setDaemon(true);
        t.start();
        return p;
    }

    /** Whether a load has taken the parse over (its progress and Cancel reach the parser from then on). */
    boolean isTakenOver() {
        return owner != ProgressListener.NONE;
    }

    /** A reader that waits for this parse, reporting to and stopping with the load that uses it. */
    CaptureReader reader() {
        return new CaptureReader() {
            @Override
            public LoadedCapture read(CaptureSource s, ProgressListener progress) throws Exception {
                ThreadGuard.notUiThreadGuard();
                owner = progress;
                return result(parse);
            }

            @Override
            public DefaultMutableTreeNode tree(LoadedCapture loaded) throws Exception {
                return result(tree);
            }
        };
    }

    private static <T> T result(FutureTask<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
