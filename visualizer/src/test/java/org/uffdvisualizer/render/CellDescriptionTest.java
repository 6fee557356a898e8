package org.uffdvisualizer.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.PhysicalLayout;

/** The tooltip's facts for cells of the real capture. */
class CellDescriptionTest {

    @Test
    void aJvmHeapPageNamesItsOwnerMappingNmtRegionAndFault() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        PageGrid g = new PageGrid(c, 0);
        // A page of the workload JVM inside its Java heap that the restore faulted.
        int frame = -1;
        for (int k = 0; k < c.trace().uniquePageCount() && frame < 0; k++) {
            int f = c.trace().faultedPfn(k);
            int page = m.pageIndex(f);
            if (page >= 0) {
                CellDescription d = CellDescription.of(g, f);
                if (d.nmt().stream().anyMatch(s -> s.startsWith("NMT Java Heap of pid " + TestCaptures.JVM17_PID))) {
                    frame = f;
                }
            }
        }
        assertThat(frame).isNotNegative();
        CellDescription d = CellDescription.of(g, frame);
        assertThat(d.headline()).contains(String.format("%#x", (long) frame << PhysicalLayout.PAGE_SHIFT),
                String.format("PFN %#x", frame));
        assertThat(d.owners()).anySatisfy(o -> assertThat(o).startsWith("pid " + TestCaptures.JVM17_PID
                + " /usr/lib/jvm/java-17-openjdk-amd64/bin/java").contains("  virtual 0x"));
        assertThat(d.fault()).startsWith("uffd fault ").contains("(not yet replayed)");
        g.setCursor(c.trace().faultCount());
        assertThat(CellDescription.of(g, frame).fault()).doesNotContain("not yet replayed");
        assertThat(d.ownerMappings()).isNotEmpty();
    }

    @Test
    void kernelPagesDecodeTheirFlagsAndHolesSayNoRam() throws Exception {
        Capture c = TestCaptures.jvm17();
        PageMappings m = c.mappings();
        PageGrid g = new PageGrid(c, 0);
        int frame = m.entryPfn(m.sectionFirstEntry(m.sectionOfPid(0)));
        CellDescription d = CellDescription.of(g, frame);
        assertThat(d.owners()).anySatisfy(o -> assertThat(o).startsWith("kernel (Kernel ").contains("kpageflags"));
        assertThat(CellDescription.of(g, g.frameCount())).isNull();
        assertThat(KPageFlags.names(0x400000868L)).containsExactly("UPTODATE", "LRU", "ACTIVE", "MMAP", "MAPPEDTODISK");
    }
}
