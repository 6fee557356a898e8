package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.swing.JProgressBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.TestCaptures;

/**
 * Two loads into one view, in the orders that used to go wrong, made deterministic by holding a
 * load at a gate ({@link GatedReader}) over the real sample captures: the newer load always
 * wins, and nothing the older one reports (its cancellation, its late result) touches the view.
 */
class CaptureLoadsTest {
    private static final CaptureSource A = CaptureSource.ofDirectory(TestCaptures.sampleDir("jvm17-default"),
            CaptureLoader.Options.defaults());
    private static final CaptureSource B = CaptureSource.ofDirectory(TestCaptures.sampleDir("jvm25-default"),
            CaptureLoader.Options.defaults());

    private CaptureView view;

    @BeforeEach
    void createView() throws Exception {
        view = Edt.call(() -> new CaptureView(Map.of(), 0));
    }

    private CaptureLoads.Load load(CaptureSource source, CaptureReader reader) throws Exception {
        return Edt.call(() -> view.load(source, GridOptions.defaults(), reader));
    }

    private String shownTitle() throws Exception {
        return Edt.call(() -> view.session() == null ? null : view.session().source().title());
    }

    private void waitUntilShown(CaptureSource source) throws Exception {
        Edt.waitFor(source.title() + " shown", () -> view.session() != null && view.session().source() == source
                && !view.isLoading());
    }

    @Test
    void openingBWhileAIsLoadingShowsBAndAsCancellationIsNotHeard() throws Exception {
        GatedReader gateA = new GatedReader();
        CaptureLoads.Load a = load(A, gateA);
        gateA.awaitEntered();
        CaptureLoads.Load b = load(B, CaptureReader.FILES);
        assertThat(gateA.cancelRequested()).as("A is cancelled when B starts").isTrue();
        waitUntilShown(B);

        gateA.open();
        Edt.waitFor("A's task reported its end", a::hasEnded);
        assertThat(Edt.call(a::state)).isEqualTo(CaptureLoads.State.SUPERSEDED);
        assertThat(Edt.call(b::state)).isEqualTo(CaptureLoads.State.OPENED);
        assertThat(shownTitle()).isEqualTo("jvm25-default");
        assertThat(Edt.call(() -> view.statusBar().status())).as("the status line is B's, not 'Loading cancelled'")
                .isEqualTo(Edt.call(() -> view.session().statusText()));
    }

    @Test
    void aLoadBlockedInItsReaderIsCancelledAtOnce() throws Exception {
        GatedReader gate = new GatedReader();      // blocked until the test opens it: it never checks for cancel
        CaptureLoads.Load load = load(A, gate);
        gate.awaitEntered();
        Edt.call(() -> {
            view.cancelLoad();
            return null;
        });
        Edt.waitFor("the load ended while its reader was blocked", load::hasEnded);
        assertThat(Edt.call(load::state)).isEqualTo(CaptureLoads.State.CANCELLED);
        assertThat(Edt.call(view::isLoading)).isFalse();
        assertThat(Edt.call(() -> view.statusBar().status())).isEqualTo("Loading cancelled");
        gate.open();
    }

    @Test
    void cancellingAThenOpeningBKeepsBsProgressUntilBHasLoaded() throws Exception {
        GatedReader gateA = new GatedReader();
        CaptureLoads.Load a = load(A, gateA);
        gateA.awaitEntered();
        Edt.call(() -> {
            view.cancelLoad();
            return null;
        });
        GatedReader gateB = new GatedReader();
        load(B, gateB);
        gateB.awaitEntered();

        gateA.open();      // A stops at its first check and reports that it was cancelled
        Edt.waitFor("A's task reported its end", a::hasEnded);
        assertThat(Edt.call(view::isLoading)).as("B is still loading").isTrue();
        assertThat(Edt.call(() -> view.statusBar().showsProgress())).as("B's progress bar and Cancel").isTrue();
        assertThat(Edt.call(() -> view.statusBar().status())).isEqualTo("Loading jvm25-default…");

        gateB.open();
        waitUntilShown(B);
        assertThat(Edt.call(() -> view.statusBar().showsProgress())).isFalse();
    }

    @Test
    void aLoadThatFinishesAfterBStartedNeverReplacesB() throws Exception {
        CaptureLoads.Load a = load(A, CaptureReader.FILES);
        GatedReader gateB = new GatedReader();
        // Hold the Event Dispatch Thread until A's background work is done, then start B in the same
        // turn: A's result (a complete session, too late to be cancelled) reaches the EDT after B started.
        CaptureLoads.Load b = Edt.call(() -> {
            a.task().get();
            return view.load(B, GridOptions.defaults(), gateB);
        });
        Edt.waitFor("A's task reported its end", a::hasEnded);
        assertThat(Edt.call(a::state)).isEqualTo(CaptureLoads.State.SUPERSEDED);
        assertThat(shownTitle()).as("nothing shown while B loads").isNull();
        assertThat(Edt.call(() -> view.statusBar().showsProgress())).isTrue();

        gateB.open();
        waitUntilShown(B);
        assertThat(Edt.call(b::state)).isEqualTo(CaptureLoads.State.OPENED);
    }

    @Test
    void theStartUpPreloadShowsProgressAndCanBeCancelled() throws Exception {
        GatedReader gate = new GatedReader();
        Preload preload = Preload.start(A, gate);
        gate.awaitEntered();
        CaptureLoads.Load load = load(A, preload.reader());
        Edt.waitFor("the window's load took the preload over", preload::isTakenOver);
        assertThat(Edt.call(() -> view.statusBar().showsProgress())).isTrue();
        Edt.call(() -> {
            view.cancelLoad();
            return null;
        });
        assertThat(gate.cancelRequested()).as("the preload's parser hears the window's Cancel").isTrue();
        gate.open();
        Edt.waitFor("the preload stopped", load::hasEnded);
        assertThat(Edt.call(load::state)).isEqualTo(CaptureLoads.State.CANCELLED);
        assertThat(Edt.call(() -> view.statusBar().status())).isEqualTo("Loading cancelled");
        assertThat(Edt.call(() -> view.statusBar().showsProgress())).isFalse();
    }

    @Test
    void theStartUpPreloadReportsItsProgressToTheWindow() throws Exception {
        GatedReader gate = new GatedReader();
        Preload preload = Preload.start(A, gate);
        gate.awaitEntered();
        load(A, preload.reader());
        Edt.waitFor("the window's load took the preload over", preload::isTakenOver);
        // The parse starts only now that the window's load has taken the preload over: all its progress shows.
        List<String> seen = new CopyOnWriteArrayList<>();
        Edt.call(() -> {
            progressBar(view).addPropertyChangeListener("string", e -> seen.add(String.valueOf(e.getNewValue())));
            return null;
        });
        gate.open();
        waitUntilShown(A);
        assertThat(seen).anySatisfy(text -> assertThat(text).startsWith("mem_mapping.txt.gz"));
    }

    /** The status line's progress bar. */
    static JProgressBar progressBar(java.awt.Container c) {
        for (java.awt.Component child : c.getComponents()) {
            if (child instanceof JProgressBar bar && "loadProgress".equals(bar.getName())) {
                return bar;
            }
            if (child instanceof java.awt.Container inner && progressBar(inner) != null) {
                return progressBar(inner);
            }
        }
        return null;
    }
}
