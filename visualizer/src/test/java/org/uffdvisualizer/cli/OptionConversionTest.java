package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.Palette;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converts the options: one byte-size reader for every size, the palette, layout and
 * overlay words; bad values are usage errors (exit code 2) whose message names the option, the
 * accepted values and the bad one, never a stack trace.
 */
class OptionConversionTest {
    @TempDir
    Path tmp;

    private static String capture() {
        return CliRun.sampleData().resolve("jvm17-default").toString();
    }

    private CliRun render(String... extra) {
        String[] base = {"render", capture(), "--width", "1024", "--scale", "1", "--out", tmp.resolve("g.png").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    @Test
    void byteSizesTakeTheSameSuffixesEverywhere() {
        assertThat(ByteSizeConverter.parse("4096")).isEqualTo(4096);
        assertThat(ByteSizeConverter.parse("2m")).isEqualTo(2L << 20);
        assertThat(ByteSizeConverter.parse("2MiB")).isEqualTo(2L << 20);
        assertThat(ByteSizeConverter.parse(" 4G ")).isEqualTo(4L << 30);
        assertThat(ByteSizeConverter.parse("1t")).isEqualTo(1L << 40);
        assertThat(ByteSizeConverter.parse("16kb")).isEqualTo(16L << 10);
        for (String bad : new String[] {"", "lots", "-4096", "2x", "1.5g", "99999999999999999999", "9000000000000000t"}) {
            assertThatThrownBy(() -> ByteSizeConverter.parse(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("not '" + bad + "'");
        }
    }

    @Test
    void renderTakesThePageSizeWithAnySuffixGuiTakes() throws Exception {
        CliRun run = render("--page-size", "2MiB");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("cells of 512 pages");
        run = render("--page-size", "1t");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'--page-size'", "power of two from 4096", "not 1099511627776")
                .doesNotContain("Exception");
    }

    @Test
    void paletteAndOverlayWordsBecomeTheirValues() throws Exception {
        CliRun run = render("--palette", "colorblind-dark", "--overlay", "none");
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage img = ImageIO.read(tmp.resolve("g.png").toFile());
        // Frame 0 of an x86_64 guest is RAM nobody owns in this capture: the free colour of the palette chosen.
        assertThat(img.getRGB(0, 0) & 0xffffff).isEqualTo(Palette.COLORBLIND_DARK.rgb(PageClass.FREE));
        CliRun listed = render("--overlay", "sharing,kernel", "--layout", "x86-64", "--palette", "colourblind");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
    }

    @Test
    void badWordsNameTheOptionTheChoicesAndTheValue() {
        CliRun palette = render("--palette", "pink");
        assertThat(palette.exitCode()).isEqualTo(2);
        assertThat(palette.err()).contains("'--palette'", "light, dark, colorblind or colorblind-dark", "not 'pink'");
        CliRun overlay = render("--overlay", "sharing,glitter");
        assertThat(overlay.exitCode()).isEqualTo(2);
        assertThat(overlay.err()).contains("'--overlay'", "sharing, pagecache, kernel, nmt, zeroed, removed", "not 'glitter'");
        CliRun none = render("--overlay", "none,sharing");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--overlay none cannot be combined");
        CliRun layout = CliRun.of("summary", "--layout", "mars", capture());
        assertThat(layout.exitCode()).isEqualTo(2);
        assertThat(layout.err()).contains("'--layout'", "identity, x86_64 or aarch64", "not 'mars'");
        CliRun scale = CliRun.of("render", capture(), "--scale", "1.5", "--out", tmp.resolve("s.png").toString());
        assertThat(scale.exitCode()).isEqualTo(2);
        assertThat(scale.err()).contains("--scale must be a whole number of pixels 1..64, not 1.5");
        CliRun guest = CliRun.of("generate", "--guest", "lots", "--out", tmp.toString());
        assertThat(guest.exitCode()).isEqualTo(2);
        assertThat(guest.err()).contains("'--guest'", "size in bytes", "not 'lots'");
        for (CliRun r : new CliRun[] {palette, overlay, layout, scale, guest}) {
            assertThat(r.err()).doesNotContain("Exception");
        }
    }

    @Test
    void aBadSizeFromTheOriginalPropertySaysSo() {
        System.setProperty("uffdVisualizer.physicalMemory", "lots");
        try {
            CliRun run = CliRun.of("gui", capture());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("'--physical-memory'", "not 'lots'",
                    "from the system property uffdVisualizer.physicalMemory");
            // Given on the command line, the option wins over the property, as it does for good values.
            CliRun given = CliRun.of("gui", "--physical-memory", "lots", capture());
            assertThat(given.err()).contains("not 'lots'").doesNotContain("system property");
        } finally {
            System.clearProperty("uffdVisualizer.physicalMemory");
        }
        System.setProperty("uffdVisualizer.scale", "100");
        try {
            CliRun run = CliRun.of("gui", capture());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("--scale must be 0..64", "from the system property uffdVisualizer.scale");
        } finally {
            System.clearProperty("uffdVisualizer.scale");
        }
    }
}
