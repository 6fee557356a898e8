package org.uffdvisualizer.swing;

import java.awt.Component;
import java.util.Enumeration;
import java.util.function.Consumer;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.JTree;
import javax.swing.Timer;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;
import javax.swing.tree.DefaultMutableTreeNode;
import javax.swing.tree.DefaultTreeCellRenderer;
import javax.swing.tree.DefaultTreeModel;
import javax.swing.tree.TreePath;
import javax.swing.tree.TreeSelectionModel;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.render.FirstSight;

/**
 * The process / mapping / NMT tree with a search field. Selecting a node reports it to the
 * listener (which highlights its pages); typing filters the tree after a short pause.
 *
 * <p>Event Dispatch Thread only.
 */
public final class CaptureTreePanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private static final String CLEAR_BUTTON = "JTextField.showClearButton";

    private final JTextField search = new JTextField();
    private final JTree tree = new JTree(new DefaultTreeModel(null)) {
        private static final long serialVersionUID = 1L;

        /**
         * Every row is one line of text, so all rows get one height, kept with the font: with a
         * fixed height the large model sizes only the rows on screen, instead of laying out every
         * HTML label on the Event Dispatch Thread (15 s and more for 100,000 processes).
         */
        @Override
        public void updateUI() {
            super.updateUI();
            java.awt.Font font = getFont();
            setRowHeight(font == null ? 20 : Math.max(16, getFontMetrics(font).getHeight()) + 4);
        }

        /** Scrolls only vertically: rows are wide (sizes), and jumping sideways hides the names. */
        @Override
        public void scrollRectToVisible(java.awt.Rectangle r) {
            super.scrollRectToVisible(new java.awt.Rectangle(getVisibleRect().x, r.y, 1, r.height));
        }
    };
    private final Timer filterDelay;
    private transient DefaultMutableTreeNode full;
    private transient Consumer<CaptureTree.Node> selected = n -> { };

    public CaptureTreePanel() {
        // One column; the search field on top, the tree takes the rest.
        super(new MigLayout("insets 4, fill, wrap 1", "[grow, fill]", "[][grow, fill]"));
        search.setName("treeSearch");
        search.putClientProperty("JTextField.placeholderText", "Filter processes, mappings, NMT categories");
        search.setToolTipText("Shows the nodes whose name contains the text, with their parents and children");
        tree.setName("captureTree");
        tree.setRootVisible(false);
        tree.setShowsRootHandles(true);
        tree.setLargeModel(true);
        tree.getSelectionModel().setSelectionMode(TreeSelectionModel.SINGLE_TREE_SELECTION);
        tree.setCellRenderer(new Renderer());
        javax.swing.ToolTipManager.sharedInstance().registerComponent(tree);
        tree.addTreeSelectionListener(e -> {
            TreePath p = e.getNewLeadSelectionPath();
            if (p != null && p.getLastPathComponent() instanceof DefaultMutableTreeNode n
                    && n.getUserObject() instanceof CaptureTree.Node node) {
                selected.accept(node);
            }
        });
        filterDelay = new Timer(200, e -> applyFilter());
        filterDelay.setRepeats(false);
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                // The look and feel builds the clear button when asked for it, and shows it only over text: asked
                // for with the first text, it is off the start-up's path (docs/PERFORMANCE.md, Start-up).
                search.putClientProperty(CLEAR_BUTTON, true);
                filterDelay.restart();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                filterDelay.restart();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                filterDelay.restart();
            }
        });
        add(search);
        add(new JScrollPane(tree));
    }

    /** Shows the tree of {@code capture} (null for none). */
    public void setCapture(Capture capture) {
        setTree(capture == null ? null : CaptureTree.build(capture));
    }

    /** Shows a tree {@link CaptureTree#build built} beforehand, off the Event Dispatch Thread. */
    public void setTree(DefaultMutableTreeNode root) {
        full = root;
        search.setText("");
        applyFilter();
    }

    /**
     * Shows {@code session}'s tree; with {@code selectJvm}, selects its most interesting JVM
     * ({@link FirstSight}), which highlights its pages through the selection listener, so that
     * they stand out at first sight.
     */
    public void show(CaptureSession session, boolean selectJvm) {
        setTree(session.tree());
        if (selectJvm) {
            selectSection(FirstSight.section(session.grid().capture()));
        }
    }

    /**
     * The width for this panel in a window {@code windowWidth} wide, now {@code current}: wide
     * enough for the process rows uncut, up to 40% of the window, never narrower than now (the
     * user may have widened it).
     */
    public int widthToShow(int current, int windowWidth) {
        return Math.max(current, Math.min(widthForProcessRows(), windowWidth * 2 / 5));
    }

    /** The width that shows the process rows (names and sizes) uncut, with the tree's scroll bar. */
    private int widthForProcessRows() {
        int w = 0;
        for (int row = 0; row < tree.getRowCount(); row++) {
            java.awt.Rectangle r = tree.getRowBounds(row);
            w = Math.max(w, r.x + r.width);
        }
        java.awt.Insets in = getInsets();
        return w + in.left + in.right + javax.swing.UIManager.getInt("ScrollBar.width") + 8;
    }

    public void setSelectionListener(Consumer<CaptureTree.Node> listener) {
        selected = listener;
    }

    public JTextField searchField() {
        return search;
    }

    public JTree tree() {
        return tree;
    }

    private void applyFilter() {
        DefaultMutableTreeNode root = full == null ? null : CaptureTree.filter(full, search.getText());
        tree.setModel(new DefaultTreeModel(root));
        if (root != null) {
            // Unfiltered: the processes only. Filtered: open what matched (bounded, for huge dumps).
            for (int i = 0; !search.getText().isBlank() && i < tree.getRowCount() && i < 2000; i++) {
                tree.expandRow(i);
            }
        }
    }

    /** Selects (and so highlights) the node of mapping {@code mapping}, clearing the filter if it hides it. */
    public void revealMapping(int mapping) {
        if (!selectMapping(mapping) && !search.getText().isEmpty()) {
            filterDelay.stop();
            search.setText("");
            applyFilter();
            selectMapping(mapping);
        }
    }

    private boolean selectMapping(int mapping) {
        return selectFirst(node -> node.kind() == CaptureTree.Kind.MAPPING && node.index() == mapping);
    }

    /** Selects (and so highlights) the process of mem_mapping section {@code section}; nothing for -1. */
    public void selectSection(int section) {
        selectFirst(node -> node.kind() == CaptureTree.Kind.PROCESS && node.section() == section);
    }

    private boolean selectFirst(java.util.function.Predicate<CaptureTree.Node> wanted) {
        Object root = tree.getModel().getRoot();
        if (!(root instanceof DefaultMutableTreeNode r)) {
            return false;
        }
        for (Enumeration<javax.swing.tree.TreeNode> e = r.depthFirstEnumeration(); e.hasMoreElements(); ) {
            DefaultMutableTreeNode n = (DefaultMutableTreeNode) e.nextElement();
            if (n.getUserObject() instanceof CaptureTree.Node node && wanted.test(node)) {
                TreePath path = new TreePath(n.getPath());
                tree.setSelectionPath(path);
                tree.scrollPathToVisible(path);
                return true;
            }
        }
        return false;
    }

    /**
     * Label in the default colour, sizes dimmed after it; the tooltip has everything. Drawn as two
     * plain strings, not as an HTML label: Swing parses HTML text on every call, and loading its
     * HTML parser and laying out the rows that way took a tenth of the window's start.
     */
    private static final class Renderer extends DefaultTreeCellRenderer {
        private static final long serialVersionUID = 1L;
        private static final java.awt.Color DIMMED = new java.awt.Color(0x8a8a8a);
        private static final String GAP = "  ";
        private String sizes = "";
        private boolean selected;

        @Override
        public Component getTreeCellRendererComponent(JTree tree, Object value, boolean sel, boolean expanded,
                boolean leaf, int row, boolean hasFocus) {
            super.getTreeCellRendererComponent(tree, value, sel, expanded, leaf, row, hasFocus);
            sizes = "";
            selected = sel;
            if (value instanceof DefaultMutableTreeNode n && n.getUserObject() instanceof CaptureTree.Node node) {
                setText(node.label());
                sizes = node.sizes().isEmpty() ? "" : GAP + node.sizes();
                setToolTipText(node.tooltip());
            }
            return this;
        }

        @Override
        public java.awt.Dimension getPreferredSize() {
            java.awt.Dimension d = super.getPreferredSize();
            if (d != null && !sizes.isEmpty()) {
                d = new java.awt.Dimension(d.width + getFontMetrics(getFont()).stringWidth(sizes), d.height);
            }
            return d;
        }

        @Override
        protected void paintComponent(java.awt.Graphics g) {
            super.paintComponent(g);
            if (sizes.isEmpty()) {
                return;
            }
            java.awt.FontMetrics fm = g.getFontMetrics(getFont());
            java.awt.Insets in = getInsets();
            int x = in.left + fm.stringWidth(getText()) + (getIcon() == null ? 0 : getIcon().getIconWidth() + getIconTextGap());
            int y = in.top + (getHeight() - in.top - in.bottom - fm.getHeight()) / 2 + fm.getAscent();
            g.setColor(selected ? getForeground() : DIMMED);
            g.setFont(getFont());
            // As the label draws its text: with the component's antialiasing.
            javax.swing.plaf.basic.BasicGraphicsUtils.drawString(this, (java.awt.Graphics2D) g, sizes, x, y);
        }
    }
}
