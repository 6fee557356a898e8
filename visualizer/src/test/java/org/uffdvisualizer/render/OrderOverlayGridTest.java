package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PhysicalLayout;

/**
 * The fault-order overlay on sample-data/jvm17-default (uffd.log.gz, no times: colours by fault
 * index) as the window shows it: in the grid, and zoomed out, where a block shows the colour of
 * one of its cells, so the order stays visible at the opening zoom.
 */
class OrderOverlayGridTest {

    @Test
    void zoomedOutBlocksShowTheOrderColourOfOneOfTheirCells() throws Exception {
        Capture capture = TestCaptures.jvm17();
        FaultTrace t = capture.trace();
        PageGrid grid = new PageGrid(capture, GridOptions.defaults().withWidth(2048)
                .withOverlays(EnumSet.of(Overlay.ORDER, Overlay.KERNEL)));
        grid.setCursor(t.faultCount());
        int last = t.faultCount() - 1;
        assertThat(grid.cellRgb(frameOf(t, 0))).isEqualTo(OrderScale.rgb(0));
        assertThat(grid.cellRgb(frameOf(t, last))).isEqualTo(OrderScale.rgb(1));

        GridOverview overview = new GridOverview(grid, 4);
        overview.sync();
        int lastCell = frameOf(t, last);
        int bx = (lastCell % grid.width()) / 4;
        int by = (lastCell / grid.width()) / 4;
        int shown = overview.image().getRGB(bx, by) & 0xffffff;
        boolean fromItsBlock = false;
        for (int y = by * 4; y < by * 4 + 4; y++) {
            for (int x = bx * 4; x < bx * 4 + 4; x++) {
                fromItsBlock |= grid.cellRgb(y * grid.width() + x) == shown;
            }
        }
        assertThat(fromItsBlock).isTrue();
        assertThat(shown).isNotEqualTo(grid.palette().rgb(PageClass.LOADED));

        // Moving the replay back recolours incrementally to the dimmed owner colours.
        grid.setCursor(0);
        overview.sync();
        assertThat(grid.cellRgb(frameOf(t, last))).isNotEqualTo(OrderScale.rgb(1));
    }

    private static int frameOf(FaultTrace t, int fault) {
        return (int) (t.physical(fault) >>> PhysicalLayout.PAGE_SHIFT);
    }
}
