package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/** Zoomed out, a block shows its most notable page, and following the cursor equals a full pass. */
class GridOverviewTest {

    @Test
    void aSingleFaultedPageShowsInItsBlock() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid g = new PageGrid(c, 512);
        GridOverview o = new GridOverview(g, 8);
        o.sync();
        int frame = (int) (c.trace().physical(0) >>> PhysicalLayout.PAGE_SHIFT);
        int bx = (frame % 512) / 8;
        int by = (frame / 512) / 8;
        int before = o.image().getRGB(bx, by) & 0xffffff;
        g.setCursor(1);
        assertThat(o.sync()).isTrue();
        int after = o.image().getRGB(bx, by) & 0xffffff;
        assertThat(after).isEqualTo(g.palette().rgb(g.classOf(frame))).isNotEqualTo(before);
    }

    @Test
    void incrementalUpdatesEqualAFullPass() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid g = new PageGrid(c, 0);
        GridOverview followed = new GridOverview(g, 4);
        followed.sync();
        g.setCursor(800);
        followed.sync();
        g.setCursor(300);
        followed.sync();
        GridOverview fresh = new GridOverview(g, 4);
        fresh.sync();
        int w = fresh.image().getWidth();
        int h = fresh.image().getHeight();
        assertThat(followed.image().getRGB(0, 0, w, h, null, 0, w)).isEqualTo(fresh.image().getRGB(0, 0, w, h, null, 0, w));
        assertThat(followed.sync()).isFalse();
    }

    /**
     * The overview follows selection changes by the frames that changed (and by faults when the
     * cursor moved too, or by a full pass when it missed a change): always what a full pass
     * shows, at every zoom, for selections that overlap, contain each other or are disjoint, with
     * rows a multiple of 64 frames wide (a word of the selection in one row) or not.
     */
    @ParameterizedTest(name = "factor {0}, width {1}")
    @CsvSource({"2, 0", "4, 0", "16, 0", "128, 0", "4, 100", "8, 1000"})
    void followingSelectionChangesEqualsAFullPass(int factor, int width) throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        int jvm = m.sectionOfPid(TestCaptures.JVM17_PID);
        int mapping = m.sectionFirstMapping(jvm);
        for (int k = mapping; k < mapping + m.sectionMappingCount(jvm); k++) {
            if (m.mappingEntryCount(k) > m.mappingEntryCount(mapping)) {
                mapping = k;                                   // the Java heap
            }
        }
        NmtUsage nmt = c.nmt().get(0);
        PageGrid g = new PageGrid(c, GridOptions.defaults().withWidth(width).withOverlays(EnumSet.allOf(Overlay.class)));
        GridOverview followed = new GridOverview(g, factor);
        followed.sync();
        g.setSelection(Selection.ofSection(c, jvm));
        assertSame(followed, g, factor);
        g.setSelection(Selection.ofMapping(c, mapping));       // a part of it: frames only leave
        assertSame(followed, g, factor);
        g.setSelection(Selection.ofSection(c, jvm));           // frames only join
        assertSame(followed, g, factor);
        g.setCursor(900);
        g.setSelection(Selection.ofSection(c, m.sectionOfPid(0)));
        assertSame(followed, g, factor);
        g.setSelection(Selection.ofSection(c, m.sectionOfPid(-1)));   // page cache: shares pages with both
        assertSame(followed, g, factor);
        for (int category = 0; category < nmt.map().categoryCount(); category++) {
            g.setSelection(Selection.ofNmtCategory(c, nmt, category));
            assertSame(followed, g, factor);
        }
        g.setSelection(Selection.ofSection(c, jvm));
        g.setCursor(200);
        assertSame(followed, g, factor);
        g.setSelection(Selection.none());                      // two changes between syncs
        g.setSelection(Selection.ofMapping(c, mapping + 1));
        assertSame(followed, g, factor);
        g.setSelection(Selection.none());
        assertSame(followed, g, factor);
        assertThat(followed.sync()).isFalse();
    }

    private static void assertSame(GridOverview followed, PageGrid g, int factor) {
        assertThat(followed.sync()).isTrue();
        GridOverview fresh = new GridOverview(g, factor);
        fresh.sync();
        int w = fresh.image().getWidth();
        int h = fresh.image().getHeight();
        assertThat(followed.image().getRGB(0, 0, w, h, null, 0, w)).as(g.selection().label())
                .isEqualTo(fresh.image().getRGB(0, 0, w, h, null, 0, w));
    }
}
