package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare} on the bundled captures: JSON, text, the side-by-side PNG, bad input and exit codes. */
class CompareCommandTest {
    private static final String DEFAULT = CliRun.sampleData().resolve("jvm17-default").toString();
    private static final String THP = CliRun.sampleData().resolve("jvm17-thp-appcds").toString();
    private static final Path LAB = CliRun.sampleData().resolve("lab-jvm17-default");

    @TempDir
    Path tmp;

    private static JsonObject json(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JsonParser.parseString(run.out()).getAsJsonObject();
    }

    private static JsonObject row(JsonObject json, String kind, String name) {
        for (JsonElement e : json.getAsJsonArray("rows")) {
            JsonObject r = e.getAsJsonObject();
            if (r.get("kind").getAsString().equals(kind) && r.get("name").getAsString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no " + kind + " row " + name);
    }

    @Test
    void jsonHasRunsRowsOverlapsAndNoStabilityForTwoSnapshots() {
        JsonObject j = json(CliRun.of("compare", "--json", DEFAULT, THP));
        assertThat(j.get("baseline").getAsInt()).isEqualTo(1);
        JsonArray runs = j.getAsJsonArray("runs");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(1).getAsJsonObject().get("jdk").getAsString()).isEqualTo("17");
        assertThat(runs.get(1).getAsJsonObject().getAsJsonArray("flags").toString())
                .contains("-XX:+UseTransparentHugePages");
        JsonObject heap = row(j, "nmt_category", "Java Heap");
        assertThat(heap.getAsJsonArray("presence").toString()).isEqualTo("[\"baseline\",\"both\"]");
        long resident1 = heap.getAsJsonArray("runs").get(0).getAsJsonObject().get("resident").getAsLong();
        long resident2 = heap.getAsJsonArray("runs").get(1).getAsJsonObject().get("resident").getAsLong();
        assertThat(heap.getAsJsonArray("deltas").get(1).getAsJsonObject().getAsJsonObject("resident")
                .get("absolute").getAsLong()).isEqualTo(resident2 - resident1);
        JsonObject overlap = j.getAsJsonArray("overlaps").get(0).getAsJsonObject();
        assertThat(overlap.get("matchedBy").getAsString()).isEqualTo("owner");
        assertThat(overlap.getAsJsonObject("overall").get("jaccard").getAsDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("stability").isJsonNull()).isTrue();
        assertThat(j.getAsJsonArray("warnings")).isEmpty();
    }

    @Test
    void theHeapsTouchedExtentsAreAnalyzesPhysicalExtents() {
        JsonObject heap = row(json(CliRun.of("compare", "--json", DEFAULT, THP)), "nmt_category", "Java Heap");
        for (int r = 0; r < 2; r++) {
            JsonObject analyze = json(CliRun.of("analyze", "--json", r == 0 ? DEFAULT : THP));
            long extents = -1;
            for (JsonElement e : analyze.getAsJsonArray("owners")) {
                JsonObject o = e.getAsJsonObject();
                if (o.get("kind").getAsString().equals("nmt") && o.get("name").getAsString().equals("Java Heap")) {
                    extents = o.get("physicalExtents").getAsLong();
                }
            }
            assertThat(heap.getAsJsonArray("runs").get(r).getAsJsonObject().get("touchedExtents").getAsLong())
                    .as("run %d", r + 1).isEqualTo(extents).isPositive();
        }
    }

    @Test
    void threeRestoresOfOneSnapshotAreMatchedPhysicallyWithTheLabsFigures() {
        JsonObject j = json(CliRun.of("compare", "--json", LAB.toString(), LAB.resolve("uffd-restore-2.log.gz").toString(),
                LAB.resolve("uffd-restore-3.log.gz").toString()));
        for (int r = 0; r < 3; r++) {
            assertThat(j.getAsJsonArray("runs").get(r).getAsJsonObject().get("name").getAsString())
                    .isEqualTo("lab-jvm17-default · restore " + (r + 1));
        }
        JsonObject overlap = j.getAsJsonArray("overlaps").get(0).getAsJsonObject();
        assertThat(overlap.get("matchedBy").getAsString()).isEqualTo("physical");
        // lab-run.txt, counted by the lab's own trace-stats.py: 10,202 common of 11,045; 9,900 in every one, 11,163 in any.
        assertThat(overlap.getAsJsonObject("overall").get("both").getAsLong()).isEqualTo(10_202);
        JsonObject s = j.getAsJsonObject("stability");
        assertThat(s.get("everyRun").getAsLong()).isEqualTo(9_900);
        assertThat(s.get("everyRun").getAsLong() + s.get("someRuns").getAsLong() + s.get("oneRun").getAsLong())
                .isEqualTo(11_163);
        // Pairs 0.924, 0.899, 0.947.
        assertThat(s.get("medianJaccard").getAsDouble()).isBetween(0.9235, 0.9245);
    }

    @Test
    void textPutsWarningsFirstAndNamesTheSelection() {
        CliRun run = CliRun.of("compare", "--select", "Java Heap", "--at", "0.5", DEFAULT,
                CliRun.sampleData().resolve("jvm25-default").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String out = run.out();
        assertThat(out.indexOf("Warnings:")).isPositive().isLessThan(out.indexOf("Processes:"));
        assertThat(out).contains("different JDK versions: 17 against 25");
        assertThat(out).contains("selection Java Heap").contains("Faulted pages of the selection, 1 against 2");
    }

    @Test
    void outWritesTheGridsSideBySideAtomicallyWithLabels() throws Exception {
        Path png = tmp.resolve("pair.png");
        CliRun run = CliRun.of("compare", "--out", png.toString(), "--page-size", "64k", DEFAULT, THP);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote " + png);
        BufferedImage img = ImageIO.read(png.toFile());
        // Two grids of 24 GiB at 16 pages per cell, 1 px each, and a legend: wider than two grids.
        int gridWidth = (int) Math.sqrt(24L * 1024 * 1024 * 1024 / 65536) - 1;
        assertThat(img.getWidth()).isGreaterThan(2 * gridWidth);
        // The labels: dark text on the white strip above each grid.
        assertThat(darkPixels(img, 16, 0, 300, 60)).isPositive();
        assertThat(darkPixels(img, img.getWidth() / 2 + 16, 0, 300, 60)).isPositive();
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("pair.png");
        }
    }

    @Test
    void outDrawsTheStabilityOfThreeRestoresBesideTheirGrids() throws Exception {
        Path png = tmp.resolve("restores.png");
        CliRun run = CliRun.of("compare", "--out", png.toString(), "--width", "1024", LAB.toString(),
                LAB.resolve("uffd-restore-2.log.gz").toString(), LAB.resolve("uffd-restore-3.log.gz").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 grids side by side and their stability");
        assertThat(run.out()).contains("1* lab-jvm17-default · restore 1 (JDK 17, mode=default)",
                "3  lab-jvm17-default · restore 3 (JDK 17, mode=default)");
        BufferedImage img = ImageIO.read(png.toFile());
        // Columns of 1,024 one-pixel cells 16 px apart; the fourth is the stability, then the legend.
        int x0 = 16 + 3 * (1024 + 16);
        // lab-run.txt: 9,900 pages in every restore, 11,163 in any; one cell per page.
        assertThat(pixels(img, x0, 1024, org.uffdvisualizer.render.StabilityImage.EVERY)).isEqualTo(9_900);
        assertThat(pixels(img, x0, 1024, org.uffdvisualizer.render.StabilityImage.SOME)
                + pixels(img, x0, 1024, org.uffdvisualizer.render.StabilityImage.ONE)).isEqualTo(11_163 - 9_900);
        assertThat(pixels(img, 16, 3 * 1040, org.uffdvisualizer.render.StabilityImage.EVERY)).as("not in the grids")
                .isZero();
        assertThat(darkPixels(img, x0, 0, 300, 50)).as("the stability column's heading").isPositive();
    }

    /** Pixels of colour {@code rgb} in the columns {@code x0 .. x0 + w} of {@code img}. */
    private static int pixels(BufferedImage img, int x0, int w, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = x0; x < x0 + w && x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h && y < img.getHeight(); y++) {
            for (int x = x0; x < x0 + w && x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                n += ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)) < 200 ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void aMissingCaptureIsNamedAndExitsWithTwo() {
        CliRun run = CliRun.of("compare", DEFAULT, tmp.resolve("nowhere").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(tmp.resolve("nowhere") + ": no such file or directory");
    }

    @Test
    void aFileThatIsNoCaptureIsNamed() throws Exception {
        Path notes = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        CliRun run = CliRun.of("compare", DEFAULT, notes.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(notes + ": neither a capture directory nor a uffd log");
    }

    @Test
    void badOptionsAreRefusedBeforeAnyCaptureIsRead() {
        assertThat(CliRun.of("compare", DEFAULT).exitCode()).isEqualTo(2);
        CliRun baseline = CliRun.of("compare", "--baseline", "3", DEFAULT, THP);
        assertThat(baseline.exitCode()).isEqualTo(2);
        assertThat(baseline.err()).contains("--baseline must be 1..2");
        CliRun at = CliRun.of("compare", "--at", "1.5", DEFAULT, THP);
        assertThat(at.exitCode()).isEqualTo(2);
        assertThat(at.err()).contains("--at '1.5'");
        CliRun out = CliRun.of("compare", "--out", tmp.resolve("no/such/dir.png").toString(), DEFAULT, THP);
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).contains("does not exist");
    }

    @Test
    void aSelectionNoCaptureHasIsAnError() {
        CliRun run = CliRun.of("compare", "--select", "no-such-thing", DEFAULT, THP);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--select 'no-such-thing': no capture has");
    }

    @Test
    void aFileSetIsOneCapture() {
        Path d = Path.of(DEFAULT);
        String set = d.resolve("mem_mapping.txt.gz") + "," + d.resolve("uffd.log.gz") + "," + d.resolve("nmt.txt.gz");
        JsonObject j = json(CliRun.of("compare", "--json", set, THP));
        assertThat(j.getAsJsonArray("runs").get(0).getAsJsonObject().get("faults").getAsInt()).isEqualTo(60_380);
    }
}
