package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import javax.swing.JLabel;
import javax.swing.JTree;
import javax.swing.SwingUtilities;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.TreePath;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * A layout that holds still, in the real window: the legend keeps its width whatever is
 * selected (a long label ends in "…"), the status line gives up its least important parts in a
 * narrow window and keeps the zoom in view, and the tree's process rows are not cut.
 */
@Tag("gui")
class LayoutGuiTest {

    private RealWindow real;

    @BeforeEach
    void openJvm17() throws Exception {
        real = RealWindow.open("layout", new Dimension(1500, 950));
        PageGrid before = GuiActionRunner.execute(() -> real.main.grid());
        GuiActionRunner.execute(() -> real.main.open(new CaptureSource("jvm17-default", null, TestCaptures.jvm17Files(),
                CaptureLoader.Options.defaults())));
        RealWindow.waitFor("capture loaded", () -> !real.main.isLoading() && real.main.grid() != before
                && !real.main.grid().selection().isEmpty());
        real.window.robot().waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private Rectangle bounds(String name) {
        return GuiActionRunner.execute(() -> {
            Component c = real.window.robot().finder().findByName(real.main, name, true);
            return SwingUtilities.convertRectangle(c.getParent(), c.getBounds(), real.main.getRootPane());
        });
    }

    @Test
    void theLegendKeepsItsWidthWhenASelectionHasALongName() {
        Rectangle legend = bounds("legend");
        Rectangle grid = bounds("gridScroll");
        // The mapping with the longest name in the tree, selected as a user would.
        JTree tree = real.tree().target();
        String label = GuiActionRunner.execute(() -> {
            DefaultMutableTreeNode root = (DefaultMutableTreeNode) tree.getModel().getRoot();
            DefaultMutableTreeNode longest = null;
            for (var e = root.depthFirstEnumeration(); e.hasMoreElements(); ) {
                DefaultMutableTreeNode n = (DefaultMutableTreeNode) e.nextElement();
                if (n.getUserObject() instanceof CaptureTree.Node node && node.kind() == CaptureTree.Kind.MAPPING
                        && (longest == null || real.main.grid().capture().mappings().mappingName(node.index()).length()
                        > real.main.grid().capture().mappings().mappingName(((CaptureTree.Node) longest.getUserObject())
                                .index()).length())) {
                    longest = n;
                }
            }
            tree.setSelectionPath(new TreePath(longest.getPath()));
            return real.main.grid().capture().mappings().mappingName(((CaptureTree.Node) longest.getUserObject()).index());
        });
        assertThat(label.length()).isGreaterThan(40);
        RealWindow.waitFor("the mapping selected", () -> real.main.grid().selection().label().equals(label));
        real.window.robot().waitForIdle();
        assertThat(bounds("legend")).isEqualTo(legend);
        assertThat(bounds("gridScroll")).isEqualTo(grid);
        JLabel entry = (JLabel) real.window.label("legend.Selection: " + label).target();
        assertThat(GuiActionRunner.execute(() -> entry.getToolTipText())).isEqualTo("Selection: " + label);
        assertThat(GuiActionRunner.execute(() -> entry.getWidth() < entry.getPreferredSize().width)).as("cut with …").isTrue();
    }

    @Test
    void aNarrowWindowShortensTheStatusLineAndKeepsTheZoom() {
        String full = GuiActionRunner.execute(() -> real.main.view().statusBar().status());
        real.window.resizeTo(new Dimension(820, 700));
        RealWindow.waitFor("status shortened", () -> !real.window.label("status").target().getText().equals(full));
        real.window.robot().waitForIdle();
        String shown = real.window.label("status").text();
        // The replay position and the selection's figure stay; "loaded, zeroed" and the bytes go first.
        assertThat(shown).startsWith("fault 0 of 60,380").endsWith("KB touched").doesNotContain("loaded 0, zeroed 0");
        assertThat(GuiActionRunner.execute(() -> real.window.label("status").target().getToolTipText())).isEqualTo(full);
        Rectangle bar = bounds("zoom");
        Rectangle root = GuiActionRunner.execute(() -> real.main.getRootPane().getBounds());
        assertThat(bar.x + bar.width).isLessThanOrEqualTo(root.width);
        assertThat(bar.width).isGreaterThanOrEqualTo(GuiActionRunner.execute(() ->
                real.window.label("zoom").target().getPreferredSize().width));
    }

    @Test
    void theProcessRowsOfTheTreeAreNotCut() {
        JTree tree = real.tree().target();
        java.util.List<String> cut = GuiActionRunner.execute(() -> {
            java.util.List<String> rows = new java.util.ArrayList<>();
            Rectangle visible = tree.getVisibleRect();
            for (int row = 0; row < tree.getRowCount(); row++) {
                Rectangle r = tree.getRowBounds(row);
                if (r.x + r.width > visible.x + visible.width) {
                    rows.add(tree.getPathForRow(row).getLastPathComponent() + ": " + (r.x + r.width) + " px of "
                            + (visible.x + visible.width));
                }
            }
            return rows;
        });
        assertThat(GuiActionRunner.execute(tree::getRowCount)).isGreaterThanOrEqualTo(3);
        assertThat(cut).isEmpty();
    }
}
