package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.FaultTrace;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;

/**
 * {@code render --page-size 2097152} on a real sample capture (a 24 GiB guest): one cell per
 * 2 MiB, cell c the square at ((c % width) * scale, (c / width) * scale), showing the most
 * notable of its 512 pages. Cells are picked by what the model says about their pages.
 */
class RenderPageSizeTest {
    private static final int SCALE = 2;
    private static final int WIDTH = 128;
    private static final int HUGE = 512;

    @TempDir
    static Path tmp;

    private static Path dir;
    private static Capture capture;

    @BeforeAll
    static void load() throws Exception {
        dir = CliRun.sampleData().resolve("jvm17-default");
        capture = CaptureLoader.load(CaptureFiles.inDirectory(dir), CaptureLoader.Options.defaults(),
                ProgressListener.NONE).capture();
    }

    private static BufferedImage render(String name, String... extra) throws Exception {
        Path out = tmp.resolve(name + ".png");
        String[] base = {"render", dir.toString(), "--page-size", "2097152", "--width", "" + WIDTH, "--scale",
            "" + SCALE, "--out", out.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cells of 512 pages");
        return ImageIO.read(out.toFile());
    }

    /** The colour of cell {@code cell}'s square, which must be one colour. */
    private static int colorOf(BufferedImage img, long cell) {
        int x = (int) (cell % WIDTH) * SCALE;
        int y = (int) (cell / WIDTH) * SCALE;
        int rgb = img.getRGB(x, y) & 0xffffff;
        for (int dy = 0; dy < SCALE; dy++) {
            for (int dx = 0; dx < SCALE; dx++) {
                assertThat(img.getRGB(x + dx, y + dy) & 0xffffff).isEqualTo(rgb);
            }
        }
        return rgb;
    }

    /** A 2 MiB cell all of whose frames are RAM owned by nobody, none faulted by the log. */
    private static long freeCell() {
        PageMappings m = capture.mappings();
        FaultTrace t = capture.trace();
        for (long cell = 1; cell < capture.physical().frameCount() / HUGE; cell++) {
            boolean free = true;
            for (long f = cell * HUGE; f < (cell + 1) * HUGE && free; f++) {
                free = capture.physical().isRamFrame(f) && m.pageIndex((int) f) < 0 && t.firstFaultOf((int) f) < 0;
            }
            if (free) {
                return cell;
            }
        }
        throw new AssertionError("no free 2 MiB cell in the sample capture");
    }

    @Test
    void theGridHasOneCellPer2MiB() throws Exception {
        BufferedImage img = render("size");
        long cells = (capture.physical().frameCount() + HUGE - 1) / HUGE;
        assertThat(img.getWidth()).isEqualTo(WIDTH * SCALE);
        assertThat(img.getHeight()).isEqualTo((int) ((cells + WIDTH - 1) / WIDTH) * SCALE);
    }

    @Test
    void aCellWithOneFaultedPageShowsItFromThatFaultOn() throws Exception {
        FaultTrace t = capture.trace();
        // The first fault that loads a page into a cell no earlier fault touched.
        int fault = -1;
        long cell = -1;
        java.util.Set<Long> touched = new java.util.HashSet<>();
        for (int i = 0; i < t.faultCount() && fault < 0; i++) {
            long c = (t.physical(i) >>> 12) / HUGE;
            if (!t.isZeroed(i) && !touched.contains(c) && i > 0) {
                fault = i;
                cell = c;
            }
            touched.add(c);
        }
        assertThat(fault).isPositive();
        BufferedImage before = render("before", "--at", "" + fault);
        BufferedImage after = render("after", "--at", "" + (fault + 1));
        assertThat(colorOf(before, cell)).isNotEqualTo(Palette.LIGHT.rgb(PageClass.LOADED));
        assertThat(colorOf(after, cell)).isEqualTo(Palette.LIGHT.rgb(PageClass.LOADED));
    }

    @Test
    void holesFreeRamAndOwnedCellsKeepTheirColours() throws Exception {
        BufferedImage img = render("classes", "--overlay", "none");
        // x86_64: no RAM from 3 to 4 GiB, cells 1536..2047.
        assertThat(capture.physical().isRamFrame(3L << 18)).isFalse();
        assertThat(colorOf(img, 1536 + 100)).isEqualTo(Palette.LIGHT.rgb(PageClass.HOLE));
        assertThat(colorOf(img, freeCell())).isEqualTo(Palette.LIGHT.rgb(PageClass.FREE));
        // A cell holding a page of the JVM shows it as mapped, or selected once the JVM is selected.
        PageMappings m = capture.mappings();
        int jvm = m.sectionOfPid(20296);
        long cell = m.entryPfn(m.sectionFirstEntry(jvm)) / HUGE;
        assertThat(colorOf(img, cell)).isEqualTo(Palette.LIGHT.rgb(PageClass.MAPPED));
        BufferedImage selected = render("selected", "--overlay", "none", "--select", "20296");
        assertThat(colorOf(selected, cell)).isEqualTo(Palette.LIGHT.rgb(PageClass.SELECTED));
    }

    @Test
    void aPageSizeThatIsNoPowerOfTwoMultipleOf4096IsAUsageError() {
        for (String bad : new String[] {"3000", "6144", "2g", "lots"}) {
            CliRun run = CliRun.of("render", dir.toString(), "--page-size", bad, "--out", tmp.resolve("bad.png").toString());
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).contains("--page-size").doesNotContain("Exception");
        }
        assertThat(tmp.resolve("bad.png")).doesNotExist();
    }
}
