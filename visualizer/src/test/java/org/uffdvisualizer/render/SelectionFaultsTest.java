package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;
import org.uffdvisualizer.swing.StatusText;

/**
 * The replay filter's faults on sample-data/jvm17-default with the Java Heap of its workload JVM
 * selected (analyze: 37,513 such faults, the first 20,995, the last 60,379), and the faults on
 * pages faulted before in the jvm17-remove-refault log (its README: faults 3,653 to 3,908).
 */
class SelectionFaultsTest {

    @Test
    void theFilterVisitsExactlyTheSelectionsFaultsInOrder() throws Exception {
        Capture capture = TestCaptures.jvm17();
        FaultTrace t = capture.trace();
        Selection heap = SelectionSpec.resolve(capture, TestCaptures.JVM17_PID + "/Java Heap");

        assertThat(SelectionFaults.next(t, heap, 0)).isEqualTo(20_995);
        assertThat(SelectionFaults.previous(t, heap, t.faultCount() - 1)).isEqualTo(60_379);
        int visited = 0;
        int skipped = 0;
        for (int at = SelectionFaults.advance(t, heap, 0, 1), before = 0; at <= t.faultCount() && at > before;
                before = at, at = SelectionFaults.advance(t, heap, at, 1)) {
            assertThat(SelectionFaults.holds(t, heap, at - 1)).isTrue();
            for (int i = before; i < at - 1; i++) {
                skipped += SelectionFaults.holds(t, heap, i) ? 0 : 1;
            }
            visited++;
            if (at == t.faultCount()) {
                break;
            }
        }
        assertThat(visited).isEqualTo(37_513);
        assertThat(visited + skipped).isEqualTo(t.faultCount());
        assertThat(SelectionFaults.advance(t, heap, 0, 3)).isEqualTo(SelectionFaults.next(t, heap,
                SelectionFaults.next(t, heap, SelectionFaults.next(t, heap, 0) + 1) + 1) + 1);
    }

    @Test
    void pagesFaultedAgainAreCountedAndNamed() throws Exception {
        Capture capture = TestCaptures.refault();
        FaultTrace t = capture.trace();
        int first = TestCaptures.REFAULT_FIRST_REPEAT;
        assertThat(capture.repeatFaultsBefore(first)).isZero();
        assertThat(capture.repeatFaultsBefore(first + 256)).isEqualTo(256);
        int frame = (int) (t.physical(first) >>> PhysicalLayout.PAGE_SHIFT);
        assertThat(capture.timesFaulted(frame)).isEqualTo(2);

        PageGrid grid = new PageGrid(capture, 2048);
        grid.setCursor(t.faultCount());
        assertThat(CellDescription.of(grid, frame).fault()).contains("faulted 2 times");
        assertThat(StatusText.of(grid)).contains(" · 256 on pages faulted before");
        assertThat(CurrentFault.describe(grid, first)).contains("faulted again (first at fault ");
    }
}
