package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/** Colours of specific pages of the real capture, by what the model says about them. */
class PageGridTest {

    private static int pixel(PageGrid g, int frame) {
        return g.image().getRGB(frame % g.width(), frame / g.width()) & 0xffffff;
    }

    private static int frameOf(FaultTrace t, int fault) {
        return (int) (t.physical(fault) >>> PhysicalLayout.PAGE_SHIFT);
    }

    /** Fault 700 of jvm17-default, and a page's second fault (after a REMOVE) in the refault log. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jvm17", "refault"})
    void aFaultedPageChangesColourExactlyAtItsFirstFault(String capture) throws Exception {
        boolean refault = capture.equals("refault");
        Capture c = refault ? TestCaptures.refault() : TestCaptures.jvm17();
        FaultTrace t = c.trace();
        PageGrid g = new PageGrid(c, 512);
        int k = refault ? TestCaptures.REFAULT_FIRST_REPEAT + 10 : 700;
        int frame = frameOf(t, k);
        if (refault) {
            assertThat(t.firstFaultOf(frame)).isLessThan(k);
        } else {
            assertThat(t.firstFaultOf(frame)).isEqualTo(k);
        }
        int first = t.firstFaultOf(frame);
        g.setCursor(first);
        assertThat(g.classOf(frame)).isNotIn(PageClass.LOADED, PageClass.LOADED_SELECTED, PageClass.ZEROED,
                PageClass.FAULTED_UNOWNED);
        int before = pixel(g, frame);
        Rectangle dirty = g.setCursor(first + 1);
        assertThat(dirty).isNotNull();
        assertThat(dirty.contains(frame % g.width(), frame / g.width())).isTrue();
        byte expected = t.isZeroed(first) ? PageClass.ZEROED
                : c.mappings().pageIndex(frame) < 0 ? PageClass.FAULTED_UNOWNED : PageClass.LOADED;
        assertThat(g.classOf(frame)).isEqualTo(expected);
        assertThat(pixel(g, frame)).isEqualTo(g.palette().rgb(expected)).isNotEqualTo(before);
        // And back: stepping back restores the picture before the fault.
        g.setCursor(first);
        assertThat(pixel(g, frame)).isEqualTo(before);
    }

    @Test
    void movingTheCursorGivesTheSamePictureAsRebuildingAtThatPosition() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageGrid moved = new PageGrid(c, 0);
        moved.setSelection(Selection.ofSection(c, 0));
        moved.setCursor(1000);
        moved.setCursor(400);
        moved.setCursor(c.trace().faultCount());
        moved.setCursor(900);
        PageGrid fresh = new PageGrid(c, 0);
        fresh.setSelection(Selection.ofSection(c, 0));
        fresh.setCursor(900);
        fresh.rebuild();
        assertThat(pixels(moved.image())).isEqualTo(pixels(fresh.image()));
        assertThat(moved.loadedSoFar()).isEqualTo(fresh.loadedSoFar());
        assertThat(moved.selectedTouched()).isEqualTo(fresh.selectedTouched());
    }

    /** setSelection recolours only the pages leaving and joining: the result equals a full rebuild. */
    @Test
    void changingTheSelectionGivesTheSamePictureAsRebuilding() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        int jvm = m.sectionOfPid(TestCaptures.JVM17_PID);
        int heap = m.sectionFirstMapping(jvm);
        for (int k = heap; k < heap + m.sectionMappingCount(jvm); k++) {
            if (m.mappingEntryCount(k) > m.mappingEntryCount(heap)) {
                heap = k;
            }
        }
        Selection[] steps = {Selection.ofSection(c, jvm), Selection.ofMapping(c, heap),
                Selection.ofSection(c, m.sectionOfPid(0)), Selection.ofSection(c, jvm), Selection.none()};
        PageGrid changed = new PageGrid(c, GridOptions.defaults().withOverlays(EnumSet.allOf(Overlay.class)));
        changed.setCursor(700);
        for (Selection s : steps) {
            changed.setSelection(s);
            PageGrid fresh = new PageGrid(c, GridOptions.defaults().withOverlays(EnumSet.allOf(Overlay.class)));
            fresh.setCursor(700);
            fresh.setSelection(s);
            fresh.rebuild();
            assertThat(pixels(changed.image())).as(s.label()).isEqualTo(pixels(fresh.image()));
            assertThat(changed.selectedTouched()).isEqualTo(fresh.selectedTouched());
        }
    }

    @Test
    void selectedSharedAndUnselectedPagesHaveTheirColours() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        int jvm = m.sectionOfPid(TestCaptures.JVM17_PID);
        PageGrid g = new PageGrid(c, 0);
        g.setOverlays(EnumSet.of(Overlay.SHARING));
        g.setSelection(Selection.ofSection(c, jvm));
        int exclusive = -1;
        int shared = -1;
        for (int e = m.sectionFirstEntry(jvm); e < m.sectionFirstEntry(jvm) + m.sectionEntryCount(jvm); e++) {
            int page = m.pageIndex(m.entryPfn(e));
            if (m.pageOwnerCount(page) == 1 && exclusive < 0) {
                exclusive = m.entryPfn(e);
            } else if (m.pageOwnerCount(page) > 1 && shared < 0) {
                shared = m.entryPfn(e);
            }
        }
        assertThat(pixel(g, exclusive)).isEqualTo(g.palette().rgb(PageClass.SELECTED));
        assertThat(pixel(g, shared)).isEqualTo(g.palette().rgb(PageClass.SELECTED_SHARED));
        int kernelPage = m.entryPfn(m.sectionFirstEntry(m.sectionOfPid(0)));
        if (m.pageOwnerCount(m.pageIndex(kernelPage)) == 1) {
            assertThat(pixel(g, kernelPage)).isEqualTo(g.palette().rgb(PageClass.MAPPED));
        }
        g.setSelection(Selection.none());
        assertThat(pixel(g, exclusive)).isEqualTo(g.palette().rgb(PageClass.MAPPED));
    }

    @Test
    void framesBeyondTheCaptureAreHolesAndFewerFramesCutTheGrid() throws Exception {
        Capture c = TestCaptures.jvm17();
        long frames = c.physical().frameCount();
        PageGrid bigger = new PageGrid(c, GridOptions.defaults().withWidth(512).withFrameCount(frames + 5000));
        assertThat(bigger.frameCount()).isEqualTo((int) frames + 5000);
        assertThat(bigger.classOf((int) frames + 10)).isEqualTo(PageClass.HOLE);
        PageGrid smaller = new PageGrid(c, GridOptions.defaults().withWidth(512).withFrameCount(1000));
        assertThat(smaller.rows()).isEqualTo(2);
        smaller.setCursor(c.trace().faultCount());   // faults beyond the shown frames are skipped
    }

    @Test
    void widthToFitFillsTheViewAndKeepsHugePagesInOneRow() {
        long frames = 6_553_600;   // 25 GiB of address space
        int w = PageGrid.widthToFit(frames, 1200, 700);
        assertThat(w % 512).isZero();
        long rows = (frames + w - 1) / w;
        double scale = Math.min(1200.0 / w, 700.0 / rows);
        assertThat(scale).isGreaterThan(Math.min(1200.0 / 4096, 700.0 / 1600));
        assertThat(PageGrid.widthToFit(1000, 0, 0)).isEqualTo(PageGrid.autoWidth(1000));
    }

    @Test
    void rendererDrawsEachPageAsItsSquare() throws Exception {
        Capture c = TestCaptures.jvm17();
        int frame = frameOf(c.trace(), 10);
        // The rows up to it: a small picture.
        PageGrid g = new PageGrid(c, GridOptions.defaults().withWidth(256).withFrameCount((frame / 256 + 2) * 256L));
        g.setCursor(c.trace().faultCount());
        BufferedImage img = GridSnapshot.of(g, 4, false);
        int x = (frame % 256) * 4;
        int y = (frame / 256) * 4;
        for (int dy = 0; dy < 4; dy++) {
            for (int dx = 0; dx < 4; dx++) {
                assertThat(img.getRGB(x + dx, y + dy) & 0xffffff).isEqualTo(pixel(g, frame));
            }
        }
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }
}
