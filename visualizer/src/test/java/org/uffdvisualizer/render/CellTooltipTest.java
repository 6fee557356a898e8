package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;

/** The grid's tooltip is built in the render layer, without a window, from the cell's description. */
class CellTooltipTest {
    private static final Path JVM25 = TestCaptures.sampleDir("jvm25-default");
    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        capture = CaptureLoader.load(CaptureFiles.inDirectory(JVM25), CaptureLoader.Options.defaults(),
                ProgressListener.NONE).capture();
    }

    /** A page of a process mapping that the restore faulted. */
    private static int faultedProcessPage() {
        PageMappings m = capture.mappings();
        PageGrid grid = new PageGrid(capture, 0);
        for (int k = 0; k < capture.trace().uniquePageCount(); k++) {
            int f = capture.trace().faultedPfn(k);
            if (m.pageIndex(f) >= 0 && CellDescription.of(grid, f).owners().stream()
                    .anyMatch(o -> o.startsWith("pid "))) {
                return f;
            }
        }
        throw new AssertionError("no faulted process page");
    }

    @Test
    void aPageCellSaysWhatItShowsItsOwnersAndItsFault() {
        PageGrid grid = new PageGrid(capture, 0);
        int frame = faultedProcessPage();
        grid.setCursor(capture.trace().faultCount());
        CellDescription d = CellDescription.of(grid, frame);
        String html = CellTooltip.html(grid, frame);
        assertThat(html).startsWith("<html><b>" + d.headline() + "</b><br>shown as: " + d.state()).endsWith("</html>");
        assertThat(d.owners()).isNotEmpty();
        for (String owner : d.owners()) {
            assertThat(html).contains("<br>" + CellTooltip.esc(owner));
        }
        assertThat(html).contains("<br>" + CellTooltip.esc(d.fault())).doesNotContain("no owner in the dump");
    }

    @Test
    void aCellOfSeveralPagesStartsWithItsRange() {
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withFramesPerCell(512));
        int frame = faultedProcessPage();
        int shown = grid.shownFrameOf(grid.cellOf(frame));
        CellRange range = CellRange.of(grid, grid.cellOf(frame));
        assertThat(CellTooltip.html(grid, shown)).startsWith("<html><b>" + CellTooltip.esc(range.headline()) + "</b><br>"
                + CellTooltip.esc(range.counts()) + "<br>shown as: ").contains("(its most notable page, below)");
    }

    @Test
    void namesAreEscapedAndContinuationLinesIndented() {
        assertThat(CellTooltip.esc("[anon:<x>] & y\r\nz")).isEqualTo("[anon:&lt;x&gt;] &amp; y<br>&nbsp;&nbsp;&nbsp;&nbsp;z");
    }
}
