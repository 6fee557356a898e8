package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.TestCaptures;

/** Background loading reports its outcome on the Event Dispatch Thread: a grid, a message, or cancelled. */
class LoadCaptureTaskTest {

    @TempDir
    Path tmp;

    private static CompletableFuture<String> run(CaptureSource source, boolean cancelAtOnce) {
        CompletableFuture<String> result = new CompletableFuture<>();
        LoadCaptureTask task = new LoadCaptureTask(source, 0, 0, new java.awt.Dimension(900, 600), Palette.LIGHT,
                org.uffdvisualizer.render.Overlay.defaults(),
                new LoadCaptureTask.Outcome() {
                    @Override
                    public void progress(LoadCaptureTask.Progress p) {
                        assertThat(SwingUtilities.isEventDispatchThread()).isTrue();
                    }

                    @Override
                    public void opened(LoadCaptureTask.Opened o) {
                        result.complete((SwingUtilities.isEventDispatchThread() ? "edt " : "other ") + "opened "
                                + o.grid().width() + "x" + o.grid().rows());
                    }

                    @Override
                    public void failed(String message) {
                        result.complete("failed: " + message);
                    }

                    @Override
                    public void cancelled() {
                        result.complete("cancelled");
                    }
                });
        if (cancelAtOnce) {
            task.cancelLoad();
        }
        task.execute();
        return result;
    }

    @Test
    void loadsOnAWorkerAndHandsTheGridToTheEventDispatchThread() throws Exception {
        String r = run(CaptureSource.ofDirectory(TestCaptures.jvm17Dir(), CaptureLoader.Options.defaults()), false)
                .get(60, TimeUnit.SECONDS);
        assertThat(r).startsWith("edt opened ");
    }

    @Test
    void cancellingStopsTheLoad() throws Exception {
        assertThat(run(CaptureSource.ofDirectory(TestCaptures.jvm17Dir(), CaptureLoader.Options.defaults()), true)
                .get(60, TimeUnit.SECONDS)).isEqualTo("cancelled");
    }

    @Test
    void aBadFileGivesAMessageNotAStackTrace() throws Exception {
        Files.writeString(tmp.resolve("mem_mapping.txt"), "this is not a dump\n");
        String r = run(CaptureSource.ofDirectory(tmp, CaptureLoader.Options.defaults()), false).get(60, TimeUnit.SECONDS);
        assertThat(r).startsWith("failed: ").contains("mem_mapping.txt").doesNotContain("Exception", "\tat ");
    }
}
