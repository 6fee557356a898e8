package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;
import org.uffdvisualizer.render.TestCaptures;

/**
 * {@code render --compact} draws only the rows that hold the selection's pages, packed, with a
 * separator row where rows were left out and the address gutter to the left: on the 24 GiB guest
 * of sample-data/jvm17-default with its workload JVM selected, a selected page is at the place
 * computed here from the mapping dump (its row's rank among the JVM's rows, plus the separators
 * above it), right of the gutter whose width the command prints.
 */
class RenderCompactTest {
    private static final int WIDTH = 512;
    private static final int SCALE = 2;

    @TempDir
    Path tmp;

    @Test
    void theSelectionsRowsArePackedRightOfTheAddressGutter() throws Exception {
        CaptureFiles f = TestCaptures.jvm17Files();
        Path out = tmp.resolve("compact.png");
        CliRun run = CliRun.of("render", "--mappings", f.mappings().toString(), "--uffd", f.uffd().toString(), "--nmt",
                f.nmt().get(0).toString(), "--select", "" + TestCaptures.JVM17_PID, "--width", "" + WIDTH, "--scale",
                "" + SCALE, "--compact", "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = Pattern.compile("Compact: (\\d+) of (\\d+) rows drawn, (\\d+) separators; the grid starts at x = (\\d+)")
                .matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        int left = Integer.parseInt(m.group(4));
        BufferedImage img = ImageIO.read(out.toFile());

        Capture c = TestCaptures.jvm17();
        PageMappings pm = c.mappings();
        int s = pm.sectionOfPid(TestCaptures.JVM17_PID);
        TreeSet<Integer> rows = new TreeSet<>();
        for (int e = pm.sectionFirstEntry(s); e < pm.sectionFirstEntry(s) + pm.sectionEntryCount(s); e++) {
            rows.add(pm.entryPfn(e) / WIDTH);
        }
        int separators = 0;
        int previous = -1;
        for (int r : rows) {
            separators += r != previous + 1 ? 1 : 0;
            previous = r;
        }
        separators += previous < Integer.parseInt(m.group(2)) - 1 ? 1 : 0;
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(rows.size());
        assertThat(Integer.parseInt(m.group(3))).isEqualTo(separators);
        assertThat(img.getHeight()).isEqualTo((rows.size() + separators) * SCALE);
        assertThat(img.getWidth()).isEqualTo(left + WIDTH * SCALE);
        assertThat(left).isGreaterThan(40);

        int selected = Palette.LIGHT.rgb(PageClass.SELECTED);
        int selectedShared = Palette.LIGHT.rgb(PageClass.SELECTED_SHARED);
        int checked = 0;
        for (int e = pm.sectionFirstEntry(s); e < pm.sectionFirstEntry(s) + pm.sectionEntryCount(s); e += 1009) {
            int frame = pm.entryPfn(e);
            int y = TestCaptures.packedRow(rows, frame / WIDTH) * SCALE;
            int x = left + frame % WIDTH * SCALE;
            assertThat(img.getRGB(x, y) & 0xffffff).as("frame %d at (%d, %d)", frame, x, y).isIn(selected, selectedShared);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }
}
