package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.swing.tree.DefaultMutableTreeNode;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.Selection;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The process / mapping / NMT tree of a real capture (sample-data/jvm17-default with the
 * jvm17-remove-refault log), its sizes, filter and selections. Expected sizes from
 * {@code src/test/resources/golden/jvm17-remove-refault.expected.json} (expected-summary.py):
 * the workload JVM 20296 has 50,392 resident pages, PSS 47,630.17 pages, 2,519 pages first
 * loaded by the restore, none zero-filled; its Java heap 153,653,248 resident bytes, 7,680,000
 * of them served.
 */
class CaptureTreeTest {

    private static List<CaptureTree.Node> children(DefaultMutableTreeNode n) {
        List<CaptureTree.Node> list = new ArrayList<>();
        for (Object o : Collections.list(n.children())) {
            list.add((CaptureTree.Node) ((DefaultMutableTreeNode) o).getUserObject());
        }
        return list;
    }

    @Test
    void processesKernelAndPageCacheWithSizesAndNmtBelowTheJvm() throws Exception {
        Capture c = TestCaptures.refault();
        DefaultMutableTreeNode root = CaptureTree.build(c);
        assertThat(children(root)).extracting(CaptureTree.Node::label)
                .containsExactly("20296 java", "20297 java", "20298 sleep", "[kernel]", "[pagecache]");
        CaptureTree.Node jvm = children(root).get(0);
        assertThat(jvm.sizes()).isEqualTo("RSS 196.8 MiB · PSS 186.1 MiB · uffd 9.8 MiB");
        assertThat(jvm.tooltip()).contains("RSS 201,568 KB", "PSS 190,520 KB", "uffd 10,076 KB");
        DefaultMutableTreeNode jvmNode = (DefaultMutableTreeNode) root.getChildAt(0);
        CaptureTree.Node nmt = (CaptureTree.Node) ((DefaultMutableTreeNode) jvmNode.getChildAt(0)).getUserObject();
        assertThat(nmt.kind()).isEqualTo(CaptureTree.Kind.NMT);
        DefaultMutableTreeNode nmtNode = (DefaultMutableTreeNode) jvmNode.getChildAt(0);
        assertThat(children(nmtNode)).extracting(CaptureTree.Node::label).contains("Java Heap", "Thread Stack");
        CaptureTree.Node heap = children(nmtNode).stream().filter(n -> n.label().equals("Java Heap")).findFirst()
                .orElseThrow();
        assertThat(heap.tooltip()).contains("uffd 7,500 KB");
        assertThat(CaptureTree.human(468)).isEqualTo("468 KiB");
        assertThat(CaptureTree.human(3 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
        assertThat(children(jvmNode).subList(1, 4)).allMatch(n -> n.kind() == CaptureTree.Kind.MAPPING);
    }

    @Test
    void selectingAnNmtCategoryHighlightsItsResidentPages() throws Exception {
        Capture c = TestCaptures.refault();
        DefaultMutableTreeNode nmtNode = (DefaultMutableTreeNode) ((DefaultMutableTreeNode) CaptureTree.build(c)
                .getChildAt(0)).getChildAt(0);
        CaptureTree.Node heap = children(nmtNode).stream().filter(n -> n.label().equals("Java Heap")).findFirst()
                .orElseThrow();
        Selection s = heap.select(c);
        assertThat(s.pageCount()).isEqualTo(150_052 / 4);
        PageGrid g = new PageGrid(c, 0);
        g.setSelection(s);
        g.setCursor(c.trace().faultCount());
        assertThat(g.selectedTouched() * 4).isEqualTo(7500);
        // the log's README: 3,909 faults, 3,559 loaded, 350 zero-filled, the last 256 on pages faulted before
        assertThat(StatusText.of(g)).startsWith("fault 3,909 of 3,909 · loaded 3,559, zeroed 350 · 15,636 KB"
                + " · 256 on pages faulted before · Java Heap of 20296: 7,500 of 150,052 KB touched · now fault 3,909: ");
    }

    @Test
    void theFilterKeepsMatchesTheirParentsAndChildren() throws Exception {
        Capture c = TestCaptures.refault();
        DefaultMutableTreeNode full = CaptureTree.build(c);
        DefaultMutableTreeNode heap = CaptureTree.filter(full, "java heap");
        assertThat(children(heap)).extracting(CaptureTree.Node::label).containsExactly("20296 java");
        DefaultMutableTreeNode nmt = (DefaultMutableTreeNode) heap.getChildAt(0).getChildAt(0);
        assertThat(children(nmt)).extracting(CaptureTree.Node::label).containsExactly("Java Heap");
        assertThat(nmt.getChildAt(0).getChildCount()).isPositive();      // its reserved regions stay
        assertThat(CaptureTree.filter(full, "  ")).isSameAs(full);
        assertThat(CaptureTree.filter(full, "no such thing").getChildCount()).isZero();
        assertThat(children(CaptureTree.filter(full, "KERNEL"))).extracting(CaptureTree.Node::label)
                .containsExactly("[kernel]");
    }
}
