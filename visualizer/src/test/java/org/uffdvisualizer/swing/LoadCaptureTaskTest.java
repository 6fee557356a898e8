package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.FaultTimeline;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * Background loading reports its outcome on the Event Dispatch Thread: a session, a message, or
 * cancelled. The callbacks only record what they saw (and on which thread); the test thread
 * asserts, so a wrong answer fails the test instead of throwing on the EDT where nobody looks.
 */
class LoadCaptureTaskTest {

    private static final Path JVM25 = TestCaptures.sampleDir("jvm25-default");

    @TempDir
    Path tmp;

    /** One report of the task: its kind, what it carried, and whether it came on the EDT. */
    record Report(String kind, String detail, boolean onEdt) {
    }

    private final List<Report> progress = new CopyOnWriteArrayList<>();
    /** The session a load opened, for a test to look into on the test thread. */
    private final CompletableFuture<CaptureSession> session = new CompletableFuture<>();

    private CompletableFuture<Report> run(CaptureSource source, boolean cancelAtOnce) throws Exception {
        CompletableFuture<Report> result = new CompletableFuture<>();
        LoadCaptureTask.Request request = new LoadCaptureTask.Request(source, GridOptions.defaults(),
                new Dimension(900, 600), CaptureReader.FILES);
        LoadCaptureTask task = new LoadCaptureTask(request, new LoadCaptureTask.Outcome() {
            @Override
            public void progress(LoadCaptureTask.Progress p) {
                progress.add(new Report("progress", p.task(), SwingUtilities.isEventDispatchThread()));
            }

            @Override
            public void opened(CaptureSession s) {
                session.complete(s);
                result.complete(new Report("opened", s.source().title() + " " + s.grid().width() + "x"
                        + s.grid().rows() + " cursor " + s.replay().cursor(), SwingUtilities.isEventDispatchThread()));
            }

            @Override
            public void failed(String message) {
                result.complete(new Report("failed", message, SwingUtilities.isEventDispatchThread()));
            }

            @Override
            public void cancelled() {
                result.complete(new Report("cancelled", "", SwingUtilities.isEventDispatchThread()));
            }
        });
        if (cancelAtOnce) {
            task.cancelLoad();
        }
        SwingUtilities.invokeAndWait(task::execute);
        return result;
    }

    @Test
    void loadsOnAWorkerAndHandsTheSessionToTheEventDispatchThread() throws Exception {
        Report r = run(CaptureSource.ofDirectory(JVM25, CaptureLoader.Options.defaults()), false)
                .get(60, TimeUnit.SECONDS);
        assertThat(r.kind()).isEqualTo("opened");
        assertThat(r.onEdt()).as("opened on the EDT").isTrue();
        long frames = CaptureLoader.load(CaptureFiles.inDirectory(JVM25), CaptureLoader.Options.defaults(),
                ProgressListener.NONE).capture().physical().frameCount();
        int width = PageGrid.widthToFit(frames, 900, 600);
        assertThat(r.detail()).isEqualTo("jvm25-default " + width + "x" + (frames + width - 1) / width + " cursor 0");
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.onEdt()).as("progress on the EDT").isTrue());
    }

    @Test
    void theTimelinesDataComesFromTheWorkerAndTheViewOnlyChartsIt() throws Exception {
        assertThat(run(CaptureSource.ofDirectory(JVM25, CaptureLoader.Options.defaults()), false)
                .get(60, TimeUnit.SECONDS).kind()).isEqualTo("opened");
        CaptureSession s = session.get();
        FaultTimeline made = s.timeline();
        assertThat(made).isNotNull();
        // The view charts the load's data as it is, without a pass of its own over the faults ...
        TimelinePanel panel = Edt.call(() -> {
            TimelinePanel p = new TimelinePanel();
            p.show(s);
            return p;
        });
        assertThat(panel.chart().timeline()).isSameAs(made);
        // ... and that data is what a pass over this grid gives.
        FaultTimeline fresh = new FaultTimeline(s.grid());
        assertThat(made.classes()).isEqualTo(fresh.classes());
        for (int c = 0; c < fresh.classes().size(); c++) {
            for (int b = 0; b < FaultTimeline.BINS; b++) {
                assertThat(made.count(c, b)).isEqualTo(fresh.count(c, b));
            }
        }
        assertThat(made.cumulativeMib(FaultTimeline.BINS - 1)).isEqualTo(fresh.cumulativeMib(FaultTimeline.BINS - 1));
    }

    @Test
    void cancellingStopsTheLoad() throws Exception {
        Report r = run(CaptureSource.ofDirectory(JVM25, CaptureLoader.Options.defaults()), true)
                .get(60, TimeUnit.SECONDS);
        assertThat(r).isEqualTo(new Report("cancelled", "", true));
    }

    @Test
    void aBadFileGivesAMessageNotAStackTrace() throws Exception {
        Files.writeString(tmp.resolve("mem_mapping.txt"), "this is not a dump\n");
        Report r = run(CaptureSource.ofDirectory(tmp, CaptureLoader.Options.defaults()), false).get(60, TimeUnit.SECONDS);
        assertThat(r.kind()).isEqualTo("failed");
        assertThat(r.onEdt()).isTrue();
        assertThat(r.detail()).contains("mem_mapping.txt").doesNotContain("Exception", "\tat ");
    }
}
