package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.NmtMap;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;

/** A selection holds exactly the frames of the entries it names, counted once each. */
class SelectionTest {

    @Test
    void aProcessSelectsTheFramesOfItsEntries() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        for (int s = 0; s < m.sectionCount(); s++) {
            TreeSet<Integer> expected = new TreeSet<>();
            for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e++) {
                expected.add(m.entryPfn(e));
            }
            Selection sel = Selection.ofSection(c, s);
            assertThat(frames(sel)).as("section %d", s).containsExactlyElementsOf(expected);
            assertThat(sel.pageCount()).isEqualTo(expected.size());
        }
    }

    @Test
    void anNmtCategorySelectsTheFramesOfTheJvmPagesInItsRegions() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        NmtUsage usage = c.nmt().get(0);
        NmtMap map = usage.map();
        int s = usage.section();
        for (int category = 0; category < map.categoryCount(); category++) {
            TreeSet<Integer> expected = new TreeSet<>();
            for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e++) {
                for (int r = 0; r < map.reservedCount(); r++) {
                    if (map.reservedCategory(r) == category && m.entryWord(e) >= map.reservedStart(r)
                            && m.entryWord(e) < map.reservedEnd(r)) {
                        expected.add(m.entryPfn(e));
                    }
                }
            }
            Selection sel = Selection.ofNmtCategory(c, usage, category);
            assertThat(frames(sel)).as(map.category(category)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void framesOutsideTheSelectionAreNotInIt() throws Exception {
        Capture c = TestCaptures.jvm17();
        Selection sel = Selection.ofSection(c, 0);
        assertThat(sel.containsFrame(-1)).isFalse();
        assertThat(sel.containsFrame(Integer.MAX_VALUE)).isFalse();
        assertThat(sel.nextFrame(-5)).isEqualTo(-1);
        assertThat(sel.nextFrame(Integer.MAX_VALUE)).isEqualTo(-1);
        assertThat(Selection.none().nextFrame(0)).isEqualTo(-1);
        assertThat(Selection.none().containsFrame(0)).isFalse();
    }

    private static List<Integer> frames(Selection sel) {
        List<Integer> frames = new ArrayList<>();
        for (int f = sel.nextFrame(0); f >= 0; f = sel.nextFrame(f + 1)) {
            assertThat(sel.containsFrame(f)).isTrue();
            frames.add(f);
        }
        return frames;
    }
}
