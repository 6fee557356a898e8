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

/** The process / mapping / NMT tree of the real capture, its sizes, filter and selections. */
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
        Capture c = TestCaptures.qemu();
        DefaultMutableTreeNode root = CaptureTree.build(c);
        assertThat(children(root)).extracting(CaptureTree.Node::label)
                .containsExactly("114 java", "[kernel]", "[pagecache]");
        CaptureTree.Node jvm = children(root).get(0);
        assertThat(jvm.sizes()).isEqualTo("RSS 177.6 MiB · PSS 177.6 MiB · uffd 3.1 MiB");
        assertThat(jvm.tooltip()).contains("RSS 181,880 KB", "PSS 181,880 KB", "uffd 3,128 KB");
        DefaultMutableTreeNode jvmNode = (DefaultMutableTreeNode) root.getChildAt(0);
        CaptureTree.Node nmt = (CaptureTree.Node) ((DefaultMutableTreeNode) jvmNode.getChildAt(0)).getUserObject();
        assertThat(nmt.kind()).isEqualTo(CaptureTree.Kind.NMT);
        DefaultMutableTreeNode nmtNode = (DefaultMutableTreeNode) jvmNode.getChildAt(0);
        assertThat(children(nmtNode)).extracting(CaptureTree.Node::label).contains("Java Heap", "Thread Stack");
        CaptureTree.Node heap = children(nmtNode).stream().filter(n -> n.label().equals("Java Heap")).findFirst()
                .orElseThrow();
        assertThat(heap.tooltip()).contains("uffd 2,204 KB");
        assertThat(CaptureTree.human(468)).isEqualTo("468 KiB");
        assertThat(CaptureTree.human(3 * 1024 * 1024 / 2)).isEqualTo("1.5 GiB");
        assertThat(children(jvmNode).subList(1, 4)).allMatch(n -> n.kind() == CaptureTree.Kind.MAPPING);
    }

    @Test
    void selectingAnNmtCategoryHighlightsItsResidentPages() throws Exception {
        Capture c = TestCaptures.qemu();
        DefaultMutableTreeNode nmtNode = (DefaultMutableTreeNode) ((DefaultMutableTreeNode) CaptureTree.build(c)
                .getChildAt(0)).getChildAt(0);
        CaptureTree.Node heap = children(nmtNode).stream().filter(n -> n.label().equals("Java Heap")).findFirst()
                .orElseThrow();
        Selection s = heap.select(c);
        assertThat(s.pageCount()).isEqualTo(141_900 / 4);
        PageGrid g = new PageGrid(c, 0);
        g.setSelection(s);
        g.setCursor(c.trace().faultCount());
        assertThat(g.selectedTouched() * 4).isEqualTo(2204);
        assertThat(StatusText.of(g)).isEqualTo("fault 1,339 of 1,339 · loaded 1,337, zeroed 2 · 5,356 KB"
                + " · Java Heap of 114: 2,204 of 141,900 KB touched");
    }

    @Test
    void theFilterKeepsMatchesTheirParentsAndChildren() throws Exception {
        Capture c = TestCaptures.qemu();
        DefaultMutableTreeNode full = CaptureTree.build(c);
        DefaultMutableTreeNode heap = CaptureTree.filter(full, "java heap");
        assertThat(children(heap)).extracting(CaptureTree.Node::label).containsExactly("114 java");
        DefaultMutableTreeNode nmt = (DefaultMutableTreeNode) heap.getChildAt(0).getChildAt(0);
        assertThat(children(nmt)).extracting(CaptureTree.Node::label).containsExactly("Java Heap");
        assertThat(nmt.getChildAt(0).getChildCount()).isPositive();      // its reserved regions stay
        assertThat(CaptureTree.filter(full, "  ")).isSameAs(full);
        assertThat(CaptureTree.filter(full, "no such thing").getChildCount()).isZero();
        assertThat(children(CaptureTree.filter(full, "KERNEL"))).extracting(CaptureTree.Node::label)
                .containsExactly("[kernel]");
    }
}
