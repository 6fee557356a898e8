package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.TestCaptures;

/**
 * {@code render} writes the grid so that scripts can check a page's colour: page p is the square
 * at ((p % width) * scale, (p / width) * scale). Pages are picked from a real capture by what the
 * model says about them, and their pixels checked against the palette: sample-data/jvm17-default
 * with the log of jvm17-remove-refault, which has zero-filled pages, loaded pages that nobody owns
 * and pages faulted again after a REMOVE.
 */
class RenderCommandTest {
    private static final int SCALE = 2;
    /** Wide rows keep the picture of the 24 GiB guest (6.5 M frames) at 4096 x 6400 pixels. */
    private static final int WIDTH = 2048;
    private static final int JVM = TestCaptures.JVM17_PID;

    @TempDir
    static Path tmp;

    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        capture = TestCaptures.refault();
    }

    /** {@code render}, the capture's files as options, then {@code extra}. */
    private static String[] renderArgs(String... extra) {
        CaptureFiles f = TestCaptures.refaultFiles();
        String[] base = {"render", "--mappings", f.mappings().toString(), "--uffd", f.uffd().toString(), "--nmt",
            f.nmt().get(0).toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    private static BufferedImage render(String name, String... extra) throws Exception {
        Path out = tmp.resolve(name + ".png");
        String[] base = renderArgs("--width", "" + WIDTH, "--scale", "" + SCALE, "--out", out.toString());
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return ImageIO.read(out.toFile());
    }

    /** The colour of every pixel of page {@code frame}'s square, which must all be the same. */
    private static int colorOf(BufferedImage img, int frame) {
        int x = (frame % WIDTH) * SCALE;
        int y = (frame / WIDTH) * SCALE;
        int rgb = img.getRGB(x, y) & 0xffffff;
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                assertThat(img.getRGB(x + dx, y + dy) & 0xffffff).isEqualTo(rgb);
            }
        }
        return rgb;
    }

    /** The first fault that loads a page owned only by the workload JVM, and that page's frame. */
    private static int[] firstLoadOfJvmOnlyPage() {
        PageMappings m = capture.mappings();
        FaultTrace t = capture.trace();
        for (int i = 0; i < t.faultCount(); i++) {
            int frame = (int) (t.physical(i) >>> 12);
            int page = m.pageIndex(frame);
            if (!t.isZeroed(i) && page >= 0 && m.pageOwnerCount(page) == 1 && t.firstFaultOf(frame) == i
                    && m.sectionPid(m.sectionOfEntry(m.ownerEntry(m.pageFirstOwner(page)))) == JVM) {
                return new int[] {i, frame};
            }
        }
        throw new AssertionError("no such fault in the capture");
    }

    @Test
    void imageHasNoMarginAndOnePageSquarePerFrame() throws Exception {
        BufferedImage img = render("plain");
        assertThat(img.getWidth()).isEqualTo(WIDTH * SCALE);
        assertThat(img.getHeight()).isEqualTo(capture.physical().frameCount() / WIDTH * SCALE);
    }

    @Test
    void selectedPagesBeforeAndAfterTheirFault() throws Exception {
        int[] fault = firstLoadOfJvmOnlyPage();
        int k = fault[0];
        int frame = fault[1];
        BufferedImage before = render("before", "--select", "" + JVM, "--at", "" + k);
        BufferedImage after = render("after", "--select", "" + JVM, "--at", "" + (k + 1));
        assertThat(colorOf(before, frame)).isEqualTo(Palette.LIGHT.rgb(PageClass.SELECTED));
        assertThat(colorOf(after, frame)).isEqualTo(Palette.LIGHT.rgb(PageClass.LOADED_SELECTED));
        BufferedImage unselected = render("unselected", "--at", "" + (k + 1));
        assertThat(colorOf(unselected, frame)).isEqualTo(Palette.LIGHT.rgb(PageClass.LOADED));
    }

    @Test
    void sharingPageCacheKernelAndFreePages() throws Exception {
        BufferedImage img = render("owners");
        PageMappings m = capture.mappings();
        int shared = -1;
        int cacheOnly = -1;
        int kernelOnly = -1;
        for (int i = 0; i < m.pageCount(); i++) {
            int kind = m.sectionPid(m.sectionOfEntry(m.ownerEntry(m.pageFirstOwner(i))));
            if (m.pageOwnerCount(i) > 1 && kind > 0 && shared < 0 && inPageCache(m, i)) {
                // a JVM page also in the page cache: the page-cache overlay wins over sharing
                shared = m.pagePfn(i);
            } else if (m.pageOwnerCount(i) == 1 && kind == -1 && cacheOnly < 0) {
                cacheOnly = m.pagePfn(i);
            } else if (m.pageOwnerCount(i) == 1 && kind == 0 && kernelOnly < 0) {
                kernelOnly = m.pagePfn(i);
            }
        }
        assertThat(colorOf(img, shared)).isEqualTo(Palette.LIGHT.rgb(PageClass.PAGECACHE));
        assertThat(colorOf(img, cacheOnly)).isEqualTo(Palette.LIGHT.rgb(PageClass.PAGECACHE));
        assertThat(colorOf(img, kernelOnly)).isEqualTo(Palette.LIGHT.rgb(PageClass.KERNEL));
        BufferedImage sharingOnly = render("sharing", "--overlay", "sharing");
        assertThat(colorOf(sharingOnly, shared)).isEqualTo(Palette.LIGHT.rgb(PageClass.SHARED));
        assertThat(colorOf(sharingOnly, kernelOnly)).isEqualTo(Palette.LIGHT.rgb(PageClass.MAPPED));
        int free = 0;
        while (!capture.physical().isRamFrame(free) || m.pageIndex(free) >= 0 || capture.trace().firstFaultOf(free) >= 0) {
            free++;
        }
        assertThat(colorOf(img, free)).isEqualTo(Palette.LIGHT.rgb(PageClass.FREE));
    }

    private static boolean inPageCache(PageMappings m, int page) {
        for (int k = m.pageFirstOwner(page); k < m.pageOwnerEnd(page); k++) {
            if (m.sectionPid(m.sectionOfEntry(m.ownerEntry(k))) == -1) {
                return true;
            }
        }
        return false;
    }

    @Test
    void zeroFilledAndUnownedFaultsAtTheEnd() throws Exception {
        BufferedImage img = render("end", "--at", "end");
        FaultTrace t = capture.trace();
        int zeroed = -1;
        int unowned = -1;
        for (int i = 0; i < t.faultCount(); i++) {
            int frame = (int) (t.physical(i) >>> 12);
            if (t.firstFaultOf(frame) != i) {
                continue;
            }
            if (t.isZeroed(i) && zeroed < 0) {
                zeroed = frame;
            } else if (!t.isZeroed(i) && capture.mappings().pageIndex(frame) < 0 && unowned < 0) {
                unowned = frame;
            }
        }
        assertThat(colorOf(img, zeroed)).isEqualTo(Palette.LIGHT.rgb(PageClass.ZEROED));
        assertThat(colorOf(img, unowned)).isEqualTo(Palette.LIGHT.rgb(PageClass.FAULTED_UNOWNED));
    }

    @Test
    void nmtCategorySelectionCoversOnlyThatCategory() throws Exception {
        BufferedImage img = render("heap", "--select", JVM + "/Java Heap", "--overlay", "none");
        PageMappings m = capture.mappings();
        int s = m.sectionOfPid(JVM);
        int inHeap = 0;
        int outside = 0;
        for (int e = m.sectionFirstEntry(s); e < m.sectionFirstEntry(s) + m.sectionEntryCount(s); e++) {
            long virt = m.entryWord(e);
            boolean heap = virt >= 0x687400000L && virt < 0x800000000L;    // the heap's reserved region
            int color = colorOf(img, m.entryPfn(e));
            if (heap) {
                assertThat(color).isEqualTo(Palette.LIGHT.rgb(PageClass.SELECTED));
                inHeap++;
            } else if (m.pageOwnerCount(m.pageIndex(m.entryPfn(e))) == 1) {
                assertThat(color).isEqualTo(Palette.LIGHT.rgb(PageClass.MAPPED));
                outside++;
            }
        }
        assertThat(inHeap).isEqualTo(153653248 / 4096);   // expected-summary.json: Java Heap residentBytes
        assertThat(outside).isPositive();
    }

    @Test
    void badOptionsAreRefusedClearly() throws Exception {
        Path out = tmp.resolve("x.png");
        CliRun run = CliRun.of(renderArgs("--select", "999", "--out", out.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no process 999");
        run = CliRun.of(renderArgs("--overlay", "glitter", "--out", out.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--overlay", "expected sharing, pagecache", "not 'glitter'");
        run = CliRun.of(renderArgs("--at", "99999", "--out", out.toString()));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--at must be between 0 and 3909");
        assertThat(Files.exists(out)).isFalse();
    }
}
