package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The thread guards are on in every test (surefire sets {@code uffdVisualizer.threadChecks}), and
 * the entry points with a thread contract refuse the wrong thread.
 */
class ThreadGuardTest {
    private static final Path JVM25 = TestCaptures.sampleDir("jvm25-default");
    private static CaptureSource source;
    private static LoadedCapture loaded;

    @BeforeAll
    static void load() throws Exception {
        source = CaptureSource.ofDirectory(JVM25, CaptureLoader.Options.defaults());
        loaded = CaptureLoader.load(CaptureFiles.inDirectory(JVM25), CaptureLoader.Options.defaults(), ProgressListener.NONE);
    }

    private static CaptureSession session() throws Exception {
        return Edt.call(() -> new CaptureSession(source, loaded, new PageGrid(loaded.capture(), 0),
                CaptureTree.build(loaded.capture())));
    }

    @Test
    void theTestsRunWithTheGuardsOn() {
        assertThat(ThreadGuard.enabled()).as("-D" + ThreadGuard.PROPERTY + "=true from the surefire configuration")
                .isTrue();
    }

    @Test
    void aSessionIsMadeAndDrivenOnTheEventDispatchThreadOnly() throws Exception {
        assertThatThrownBy(() -> new CaptureSession(source, loaded, new PageGrid(loaded.capture(), 0), null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Event Dispatch Thread")
                .hasMessageContaining(Thread.currentThread().getName());
        CaptureSession s = session();
        assertThatThrownBy(() -> s.replay().seek(10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.select(Selection.none())).isInstanceOf(IllegalStateException.class);
        assertThat(Edt.call(() -> {
            s.replay().seek(10);
            return s.replay().cursor();
        })).isEqualTo(10);
    }

    @Test
    void readingACaptureOnTheEventDispatchThreadIsRefused() throws Exception {
        Preload preload = Preload.start(source);
        Exception e = Edt.call(() -> {
            try {
                preload.reader().read(source, ProgressListener.NONE);
                return null;
            } catch (IllegalStateException refused) {
                return refused;
            }
        });
        assertThat(e).hasMessageContaining("must not be called on the Event Dispatch Thread");
    }

    @Test
    void aViewIsBuiltOnTheEventDispatchThreadOnly() {
        assertThatThrownBy(() -> new CaptureView(java.util.Map.of(), 0)).isInstanceOf(IllegalStateException.class);
    }
}
