package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.Capture;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.Legend;
import org.uffdvisualizer.render.Overlay;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.TestCaptures;

/**
 * An NMT category has one colour whatever capture it is in: in a capture whose NMT file lists
 * its regions in another order, and in the two bundled JVM captures, whose categories come in
 * different orders (GC before Thread Stack in jvm17-default, after it in jvm17-thp-appcds), as
 * the legend says and as {@code render} draws their pages.
 */
class NmtColourOrderTest {
    private static final int WIDTH = 2048;

    @TempDir
    Path tmp;

    @Test
    void reorderingTheNmtFileChangesNoColour() throws Exception {
        CaptureFiles original = TestCaptures.jvm17Files();
        Path reversed = tmp.resolve("nmt-reversed.txt");
        Files.write(reversed, reversedRegions(original.nmt().get(0)));
        CaptureFiles reordered = new CaptureFiles(original.mappings(), original.uffd(), List.of(reversed));
        Capture a = CaptureLoader.load(original, CaptureLoader.Options.defaults(), ProgressListener.NONE).capture();
        Capture b = CaptureLoader.load(reordered, CaptureLoader.Options.defaults(), ProgressListener.NONE).capture();
        // The files really list the categories in other orders.
        assertThat(categoriesInFileOrder(a)).isNotEqualTo(categoriesInFileOrder(b))
                .containsExactlyInAnyOrderElementsOf(categoriesInFileOrder(b));

        Map<String, Integer> colours = nmtLegend(a);
        assertThat(colours).containsKeys("NMT Java Heap", "NMT GC", "NMT Thread Stack", "NMT Code");
        assertThat(nmtLegend(b)).isEqualTo(colours);
    }

    @Test
    void theTwoBundledJvmCapturesDrawEachCategoryInOneColour() throws Exception {
        Map<String, Integer> plain = renderedCategoryColours("jvm17-default");
        Map<String, Integer> thp = renderedCategoryColours("jvm17-thp-appcds");
        assertThat(plain).containsKeys("Java Heap", "GC", "Thread Stack", "Metaspace");
        assertThat(thp.keySet()).containsAll(plain.keySet());
        for (String name : plain.keySet()) {
            assertThat(thp.get(name)).as(name).isEqualTo(plain.get(name));
        }
    }

    /** The NMT file with the reserved regions of its virtual memory map (each with its lines) in reverse order. */
    private static List<String> reversedRegions(Path gz) throws Exception {
        List<String> head = new ArrayList<>();
        List<List<String>> regions = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            boolean inMap = false;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                inMap |= line.startsWith("Virtual memory map:");
                // The map ends where the next section ("Details:", call sites of malloc) begins.
                inMap &= !line.startsWith("Details:");
                if (inMap && line.startsWith("[0x")) {
                    regions.add(new ArrayList<>());
                }
                (inMap && !regions.isEmpty() ? regions.get(regions.size() - 1) : regions.isEmpty() ? head : tail).add(line);
            }
        }
        assertThat(regions).hasSizeGreaterThan(10);
        List<String> out = new ArrayList<>(head);
        for (int i = regions.size() - 1; i >= 0; i--) {
            out.addAll(regions.get(i));
        }
        out.addAll(tail);
        return out;
    }

    private static List<String> categoriesInFileOrder(Capture c) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < c.nmt().get(0).map().categoryCount(); k++) {
            names.add(c.nmt().get(0).map().category(k));
        }
        return names;
    }

    /** The legend's NMT entries of a grid with the NMT overlay, by label. */
    private static Map<String, Integer> nmtLegend(Capture c) {
        PageGrid grid = new PageGrid(c, GridOptions.defaults().withOverlays(EnumSet.of(Overlay.NMT)));
        Map<String, Integer> out = new LinkedHashMap<>();
        Legend.entries(grid).stream().filter(e -> e.label().startsWith("NMT ")).forEach(e -> out.put(e.label(), e.rgb()));
        return out;
    }

    /**
     * {@code render --overlay nmt} of a sample directory, and for each NMT category the colour of
     * the pixel of one of its pages (found in a grid built here with the same options).
     */
    private Map<String, Integer> renderedCategoryColours(String sample) throws Exception {
        Path dir = TestCaptures.sampleDir(sample);
        Path out = tmp.resolve(sample + ".png");
        CliRun run = CliRun.of("render", "--mappings", dir.resolve("mem_mapping.txt.gz").toString(), "--nmt",
                dir.resolve("nmt.txt.gz").toString(), "--overlay", "nmt", "--width", "" + WIDTH, "--scale", "1",
                "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        BufferedImage img = ImageIO.read(out.toFile());
        Capture c = CaptureLoader.load(new CaptureFiles(dir.resolve("mem_mapping.txt.gz"), null,
                List.of(dir.resolve("nmt.txt.gz"))), CaptureLoader.Options.defaults(), ProgressListener.NONE).capture();
        PageGrid grid = new PageGrid(c, GridOptions.defaults().withWidth(WIDTH).withOverlays(EnumSet.of(Overlay.NMT)));
        List<String> names = grid.nmtCategories().names();
        Map<String, Integer> colours = new LinkedHashMap<>();
        for (int f = 0; f < grid.frameCount(); f++) {
            int cat = grid.classOf(f) - PageClass.NMT_FIRST;
            if (cat >= 0 && !colours.containsKey(names.get(cat))) {
                colours.put(names.get(cat), img.getRGB(f % WIDTH, f / WIDTH) & 0xffffff);
            }
        }
        return colours;
    }
}
