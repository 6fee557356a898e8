package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/** Two sessions of real captures in step (headless, on the Event Dispatch Thread): each way of matching positions. */
class ReplayLinkTest {

    private static CaptureSession session(org.uffdvisualizer.parse.CaptureFiles files) throws Exception {
        LoadedCapture loaded = CaptureLoader.load(files, CaptureLoader.Options.defaults(), ProgressListener.NONE);
        PageGrid grid = new PageGrid(loaded.capture(), GridOptions.defaults().withWidth(2048));
        AtomicReference<CaptureSession> s = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> s.set(new CaptureSession(CaptureSource.ofFiles(files,
                CaptureLoader.Options.defaults()), loaded, grid, CaptureTree.build(loaded.capture()))));
        return s.get();
    }

    @Test
    void oneReplayDrivesTheOtherByFractionFaultIndexOrTimestamp() throws Exception {
        CaptureSession a = session(TestCaptures.jvm17Files());
        CaptureSession b = session(TestCaptures.thpFiles());
        int[] seen = new int[7];
        SwingUtilities.invokeAndWait(() -> {
            ReplayLink link = new ReplayLink();
            link.link(List.of(a, b));
            int na = a.replay().faultCount();
            int nb = b.replay().faultCount();
            a.replay().seek(1000);
            seen[0] = b.replay().cursor();
            seen[1] = (int) Math.round(1000.0 * nb / na);
            link.setStep(ReplayLink.Step.FAULT_INDEX);
            seen[2] = b.replay().cursor();             // re-matched at once: a is still at 1,000
            b.replay().step(+1);                       // driven from b: a follows
            seen[3] = a.replay().cursor();
            // These logs have no times: by timestamp falls back to the fraction.
            link.setStep(ReplayLink.Step.TIMESTAMP);
            seen[4] = b.replay().cursor();
            seen[5] = (int) Math.round(1001.0 * nb / na);
            link.setStep(ReplayLink.Step.OFF);
            a.replay().seek(na);
            seen[6] = b.replay().cursor();
        });
        assertThat(seen[0]).isEqualTo(seen[1]);
        assertThat(seen[2]).isEqualTo(1000);
        assertThat(seen[3]).isEqualTo(1001);
        assertThat(seen[4]).isEqualTo(seen[5]);
        assertThat(seen[6]).as("not linked: b stays").isEqualTo(seen[5]);
    }

    @Test
    void byTimestampTheOtherReplayHasEveryFaultUpToTheSameTimeSinceItsFirst() throws Exception {
        // The directories' logs with times (uffd-extended.log.gz).
        CaptureSession a = session(org.uffdvisualizer.parse.CaptureFiles.inDirectory(TestCaptures.jvm17Dir()));
        CaptureSession b = session(org.uffdvisualizer.parse.CaptureFiles.inDirectory(
                TestCaptures.sampleDir("jvm17-thp-appcds")));
        int[] at = new int[2];
        SwingUtilities.invokeAndWait(() -> {
            ReplayLink link = new ReplayLink();
            link.link(List.of(a, b));
            link.setStep(ReplayLink.Step.TIMESTAMP);
            a.replay().seek(20_000);
            at[0] = a.replay().cursor();
            at[1] = b.replay().cursor();
        });
        var ta = a.grid().capture().trace();
        var tb = b.grid().capture().trace();
        assertThat(ta.hasTimestamps() && tb.hasTimestamps()).isTrue();
        long since = ta.nanos(at[0] - 1) - ta.nanos(0);
        assertThat(at[1]).isBetween(1, tb.faultCount() - 1);
        assertThat(tb.nanos(at[1] - 1) - tb.nanos(0)).isLessThanOrEqualTo(since);
        assertThat(tb.nanos(at[1]) - tb.nanos(0)).isGreaterThan(since);
    }
}
