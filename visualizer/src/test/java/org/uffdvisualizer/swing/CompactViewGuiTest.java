package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.swing.JScrollPane;
import org.assertj.swing.edt.GuiActionRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.render.CellTooltip;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.RowGutter;

/**
 * View > Compact View in the real window on the bundled capture, which opens with its JVM
 * selected: the toolbar toggle turns it on (and the menu item and the preference follow), the
 * gutter names each labelled row by the address the test computes from the mapping dump (the
 * rows of the JVM's pages, packed, with a separator wherever rows were left out), a selected
 * page's pixel is where those rows put it, the tooltip there describes that page, and clearing
 * the selection brings back every row with an owned or faulted page.
 */
@Tag("gui")
class CompactViewGuiTest {
    private RealWindow real;

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    /**
     * Display rows, in order: the rows of {@code columns} cells holding a page of section {@code s}
     * (-1 for a separator), from the dump.
     */
    private static List<Integer> expectedDisplay(PageGrid grid, int s, int columns) {
        PageMappings m = grid.capture().mappings();
        TreeSet<Integer> rows = new TreeSet<>();
        for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e++) {
            rows.add(m.entryPfn(e) / columns);
        }
        List<Integer> display = new ArrayList<>();
        int previous = -1;
        for (int r : rows) {
            if (r != previous + 1) {
                display.add(-1);
            }
            display.add(r);
            previous = r;
        }
        if (previous < (grid.cellCount() + columns - 1) / columns - 1) {
            display.add(-1);
        }
        return display;
    }

    @Test
    void compactViewPacksTheJvmsRowsWithTheirAddressesInTheGutter() throws Exception {
        real = RealWindow.open("compact", new Dimension(1500, 950));
        MainWindow main = real.main;
        GuiActionRunner.execute(() -> main.openBundled());
        RealWindow.waitFor("bundled capture loaded with its JVM selected",
                () -> !main.isLoading() && main.grid() != null && !main.grid().selection().isEmpty());

        real.window.toggleButton("toolbar." + WindowAction.COMPACT_VIEW.name()).click();
        RealWindow.waitFor("compact view on", () -> main.canvas().compactRows() != null);
        RealWindow.waitFor("preference stored", () -> real.preferences().getBoolean("compactView", false));
        assertThat(GuiActionRunner.execute(() -> real.window.menuItemWithPath("View", WindowAction.COMPACT_VIEW.label())
                .target().isSelected())).isTrue();
        real.window.robot().waitForIdle();

        PageGrid grid = GuiActionRunner.execute(main::grid);
        int jvm = GuiActionRunner.execute(() -> grid.capture().mappings().sectionOfPid(146));
        // Fit may cut the grid's rows into shorter ones (whole multiples of 64 cells) to fill the view.
        int columns = GuiActionRunner.execute(() -> main.canvas().compactRows().columns());
        assertThat(grid.width() % columns).isZero();
        List<Integer> display = GuiActionRunner.execute(() -> expectedDisplay(grid, jvm, columns));
        double scale = GuiActionRunner.execute(() -> main.canvas().scale());
        assertThat(GuiActionRunner.execute(() -> main.canvas().isFitting())).isTrue();
        assertThat(scale).isGreaterThanOrEqualTo(1);
        assertThat(GuiActionRunner.execute(() -> main.canvas().getPreferredSize().height))
                .isEqualTo((int) Math.ceil(display.size() * scale));
        assertThat(display.size()).isLessThan(grid.rows());

        // The gutter, as painted: each label level with a kept row, naming that row's first address.
        CompactGutter gutter = GuiActionRunner.execute(() -> (CompactGutter) real.window.scrollPane("gridScroll")
                .targetCastedTo(JScrollPane.class).getRowHeader().getView());
        List<RowGutter.Label> labels = GuiActionRunner.execute(() -> {
            gutter.paintImmediately(gutter.getVisibleRect());
            return gutter.shownLabels();
        });
        assertThat(labels).hasSizeGreaterThan(3);
        for (RowGutter.Label l : labels) {
            int d = (int) Math.round(l.rowTop() / scale);
            assertThat(l.rowTop()).isEqualTo((int) Math.round(d * scale));
            int row = display.get(d);
            assertThat(row).as("label %s at display row %d", l.text(), d).isGreaterThanOrEqualTo(0);
            assertThat(Long.parseLong(l.text().substring(2), 16)).as(l.text())
                    .isEqualTo((long) row * columns * 4096);
        }

        // A selected page of the JVM: its pixel where the packed rows put it, and the tooltip there about it.
        int frame = GuiActionRunner.execute(() -> {
            PageMappings m = grid.capture().mappings();
            for (int e = m.sectionFirstEntry(jvm) + m.sectionEntryCount(jvm) / 2; ; e++) {
                if (grid.classOf(m.entryPfn(e)) == PageClass.SELECTED) {
                    return m.entryPfn(e);
                }
            }
        });
        Point inCanvas = new Point((int) ((frame % columns + 0.5) * scale),
                (int) ((display.indexOf(frame / columns) + 0.5) * scale));
        assertThat(pixel(inCanvas)).isEqualTo(GuiActionRunner.execute(() -> grid.classRgb(PageClass.SELECTED)));
        assertThat(GuiActionRunner.execute(() -> main.canvas().frameAt(inCanvas))).isEqualTo(frame);
        String tip = GuiActionRunner.execute(() -> main.canvas().getToolTipText(new MouseEvent(main.canvas(),
                MouseEvent.MOUSE_MOVED, 0, 0, inCanvas.x, inCanvas.y, 0, false)));
        assertThat(tip).isEqualTo(GuiActionRunner.execute(() -> CellTooltip.html(grid, frame)));

        // Zoomed in, the same page is still drawn where its packed row is.
        GuiActionRunner.execute(() -> main.canvas().zoomIn());
        double zoomed = GuiActionRunner.execute(() -> main.canvas().scale());
        assertThat(zoomed).isGreaterThan(scale);
        Point after = new Point((int) ((frame % columns + 0.5) * zoomed),
                (int) ((display.indexOf(frame / columns) + 0.5) * zoomed));
        assertThat(GuiActionRunner.execute(() -> main.canvas().cellBounds(frame).contains(after))).isTrue();
        assertThat(pixel(after)).isEqualTo(GuiActionRunner.execute(() -> grid.classRgb(PageClass.SELECTED)));

        // File > Export View as PNG writes the same rows, right of the address gutter, at the view's zoom.
        java.nio.file.Path out = java.nio.file.Files.createTempDirectory("uffdvis-compact").resolve("view.png");
        GuiActionRunner.execute(() -> main.exportTo(out));
        RealWindow.waitFor("written", () -> main.view().statusBar().status().equals("Wrote " + out));
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(out.toFile());
        int s = GuiActionRunner.execute(() -> ViewExport.scaleFor(grid, main.canvas().scale()));
        int left = GuiActionRunner.execute(() -> org.uffdvisualizer.render.GridSnapshot.gutterWidth(grid));
        assertThat(png.getRGB(left + frame % columns * s + s / 2, display.indexOf(frame / columns) * s + s / 2) & 0xffffff)
                .isEqualTo(GuiActionRunner.execute(() -> grid.classRgb(PageClass.SELECTED)));

        // Nothing selected: the rows of every owned or faulted page.
        GuiActionRunner.execute(() -> main.action(WindowAction.CLEAR_SELECTION).actionPerformed(null));
        RealWindow.waitFor("rows of the whole capture", () -> main.canvas().compactRows().keptCount()
                > display.stream().filter(r -> r >= 0).count());
    }

    /** The colour on the screen at {@code p} (canvas coordinates), scrolled into view first. */
    private int pixel(Point p) {
        GuiActionRunner.execute(() -> real.main.canvas().scrollRectToVisible(new Rectangle(p.x - 20, p.y - 20, 40, 40)));
        real.window.robot().waitForIdle();
        Point at = GuiActionRunner.execute(() -> {
            Point o = real.main.canvas().getLocationOnScreen();
            return new Point(o.x + p.x, o.y + p.y);
        });
        return real.screen.getPixelColor(at.x, at.y).getRGB() & 0xffffff;
    }
}
