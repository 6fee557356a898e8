package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.swing.SwingUtilities;
import javax.swing.tree.DefaultMutableTreeNode;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PageMappingsBuilder;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * Issue 9 item 14: a dump of 100,000 processes. Its tree has fixed-height rows, so that the large
 * model sizes only the rows on screen instead of laying out 100,000 HTML labels on the Event
 * Dispatch Thread. The time it takes is printed as a figure (docs/PERFORMANCE.md), not asserted.
 */
class ManyProcessesTreeTest {
    private static final int PROCESSES = 100_000;

    static Capture manyProcesses() {
        PageMappingsBuilder b = PageMappings.builder(PROCESSES * 2);
        for (int pid = 1; pid <= PROCESSES; pid++) {
            b.section(pid, "/usr/bin/worker-" + pid);
            b.mapping(0x400000L, 0x402000L, "/usr/bin/worker-" + pid);
            b.page(0x400000L, pid, 0);
            b.page(0x401000L, PROCESSES + pid, 0);
        }
        PageMappings m = b.build();
        return Capture.of(m, FaultTrace.empty(), PhysicalLayout.of(MemoryLayout.X86_64, m.highestPageEnd()), List.of());
    }

    @Test
    void aTreeOfOneHundredThousandProcessesSizesOnlyTheRowsOnScreen() throws Exception {
        DefaultMutableTreeNode root = CaptureTree.build(manyProcesses());
        long[] nanos = new long[1];
        CaptureTreePanel[] panel = new CaptureTreePanel[1];
        SwingUtilities.invokeAndWait(() -> {
            panel[0] = new CaptureTreePanel();
            panel[0].setSize(400, 800);
            long t0 = System.nanoTime();
            panel[0].setTree(root);
            panel[0].tree().getPreferredSize();
            panel[0].doLayout();
            nanos[0] = System.nanoTime() - t0;
        });
        System.out.printf("tree of %,d processes: shown and sized in %d ms%n", PROCESSES, nanos[0] / 1_000_000);
        assertThat(panel[0].tree().getRowCount()).isEqualTo(PROCESSES);
        assertThat(panel[0].tree().getRowHeight()).isPositive();
        assertThat(panel[0].tree().isLargeModel()).isTrue();
    }
}
