package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.StabilityImage;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The three real restores of one snapshot (sample-data/lab-jvm17-default), opened as File >
 * Compare Restores of This Capture opens them, in a window of the default size: the stability
 * view colours the baseline's grid by how many restores faulted each page, checked by pixel
 * against the three traces read here as plain text; the median pairwise Jaccard is shown; and
 * three views side by side leave every part of each replay bar and status line whole.
 */
@Tag("gui")
class StabilityGuiTest {
    private static final Path LAB = TestCaptures.sampleDir("lab-jvm17-default");
    private static final String[] LOGS = {"uffd.log.gz", "uffd-restore-2.log.gz", "uffd-restore-3.log.gz"};
    private static final Pattern RAM = Pattern.compile("^# ram 0x(\\p{XDigit}+) 0x(\\p{XDigit}+) 0x(\\p{XDigit}+)");
    private static final Pattern FAULT = Pattern.compile("page_fault_user: address=0x(\\p{XDigit}+)");

    private RealWindow real;
    private FrameFixture window;
    private MainWindow main;
    private ComparisonPanel cmp;

    @BeforeEach
    void openTheThreeRestores() throws Exception {
        real = RealWindow.open("stability", new Dimension(1500, 950));     // MainWindow's own size on this screen
        window = real.window;
        main = real.main;
        cmp = main.comparison();
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(LAB, CaptureLoader.Options.defaults())));
        RealWindow.waitFor("the first restore loaded", () -> cmp.sessions().size() == 1 && !cmp.isLoading());
        window.menuItemWithPath("File", WindowAction.COMPARE_RESTORES.label()).click();
        RealWindow.waitFor("three restores loaded", () -> cmp.sessions().size() == 3 && !cmp.isLoading());
        GuiActionRunner.execute(() -> main.replay().seek(main.replay().faultCount()));
        RealWindow.waitFor("compared at the end of every restore", () -> !cmp.results().isComputing()
                && cmp.results().comparison() != null && cmp.results().comparison().runs().size() == 3
                && cmp.results().comparison().runs().stream().allMatch(r -> r.cursor() == r.capture().trace().faultCount()));
        window.robot().waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    /** Per trace, the guest pages (4 KiB frame numbers) it faults: read from its text, not through the parser. */
    private static List<TreeSet<Integer>> pagesByTrace() throws IOException {
        List<TreeSet<Integer>> all = new ArrayList<>();
        for (String log : LOGS) {
            TreeSet<Integer> pages = new TreeSet<>();
            List<long[]> ram = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(LAB.resolve(log))), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    Matcher m = RAM.matcher(line);
                    if (m.find()) {
                        ram.add(new long[] {Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16),
                            Long.parseUnsignedLong(m.group(3), 16)});
                    }
                    Matcher f = FAULT.matcher(line);
                    if (f.find()) {
                        long a = Long.parseUnsignedLong(f.group(1), 16);
                        for (long[] range : ram) {
                            if (a >= range[0] && a < range[1]) {
                                // 1 GiB of RAM, all below the x86_64 hole: the memory-file offset is the guest address.
                                pages.add((int) ((a - range[0] + range[2]) >>> 12));
                            }
                        }
                    }
                }
            }
            all.add(pages);
        }
        return all;
    }

    private static double jaccard(TreeSet<Integer> a, TreeSet<Integer> b) {
        TreeSet<Integer> both = new TreeSet<>(a);
        both.retainAll(b);
        return (double) both.size() / (a.size() + b.size() - both.size());
    }

    /** A screenshot of the whole window, written where the user guide's pictures are written, and read back. */
    private BufferedImage shoot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        return real.shoot(dir.resolve(name));
    }

    @Test
    void theStabilityViewColoursEachPageByTheRestoresThatFaultedIt() throws Exception {
        List<TreeSet<Integer>> traces = pagesByTrace();
        Map<Integer, Integer> byTrace = new HashMap<>();
        traces.forEach(t -> t.forEach(p -> byTrace.merge(p, 1, Integer::sum)));
        assertThat(byTrace.values().stream().filter(n -> n == 3).count()).as("pages in every restore, as lab-run.txt counts")
                .isEqualTo(9_900);
        int everyPage = page(byTrace, 3, true);
        int onePage = page(byTrace, 1, false);
        int somePage = page(byTrace, 2, true);
        double[] pairs = {jaccard(traces.get(0), traces.get(1)), jaccard(traces.get(0), traces.get(2)),
            jaccard(traces.get(1), traces.get(2))};
        java.util.Arrays.sort(pairs);
        String median = String.format(Locale.ROOT, "%.3f", pairs[1]);
        assertThat(median).as("lab-run.txt's median").isEqualTo("0.924");

        window.checkBox("stabilityView").requireEnabled().check();
        RealWindow.waitFor("stability legend shown", () -> window.label("stabilityJaccard").target().isShowing());
        assertThat(window.label("stabilityJaccard").text()).contains("3 restores", "median pairwise Jaccard " + median);
        assertThat(GuiActionRunner.execute(() -> cmp.results().overlapsText())).contains("median pairwise Jaccard " + median)
                .containsPattern("Java Heap: median pairwise Jaccard 0\\.\\d{3}");
        BufferedImage shot = shoot("window-stability.png");
        CaptureView base = GuiActionRunner.execute(() -> cmp.views().get(0));
        assertThat(real.count(shot, base.canvas(), StabilityImage.EVERY)).as("pixels of pages every restore faulted").isGreaterThan(50);
        assertThat(real.count(shot, base.canvas(), StabilityImage.ONE)).as("pixels of pages one restore faulted").isGreaterThan(5);

        assertThat(real.zoomedColour(base, everyPage)).as("page %d, faulted by every restore", everyPage).isEqualTo(StabilityImage.EVERY);
        assertThat(real.zoomedColour(base, onePage)).as("page %d, faulted by one restore", onePage).isEqualTo(StabilityImage.ONE);
        assertThat(real.zoomedColour(base, somePage)).as("page %d, faulted by two restores", somePage).isEqualTo(StabilityImage.SOME);

        window.checkBox("stabilityView").uncheck();
        int usual = GuiActionRunner.execute(() -> base.session().grid().cellRgb(base.session().grid().cellOf(everyPage)));
        assertThat(real.zoomedColour(base, everyPage)).as("the grid's own colour again").isEqualTo(usual);
    }

    /** The lowest (or highest) page {@code runs} traces fault. */
    private static int page(Map<Integer, Integer> byTrace, int runs, boolean lowest) {
        var pages = byTrace.entrySet().stream().filter(e -> e.getValue() == runs).mapToInt(Map.Entry::getKey);
        return (lowest ? pages.min() : pages.max()).orElseThrow();
    }

    @Test
    void everyHeadingAndColumnSaysWhichRestoreItIsWhereItShows() {
        RealWindow.waitFor("labels read", () -> cmp.label(0).contains("JDK") && cmp.label(1).contains("JDK")
                && cmp.label(2).contains("JDK"));
        for (int i = 0; i < 3; i++) {
            String which = (i == 0 ? "Baseline: " : "") + "restore " + (i + 1);
            assertThat(cmp.label(i)).isEqualTo(which + " · lab-jvm17-default (JDK 17, mode=default)");
            // Three grids side by side leave each heading narrow: it is cut at the end, never before the restore.
            javax.swing.JLabel label = window.label("captureLabel." + i).target();
            int shown = GuiActionRunner.execute(() -> label.getWidth());
            int needed = GuiActionRunner.execute(() -> label.getFontMetrics(label.getFont()).stringWidth(which + " · …"));
            assertThat(shown).as("width of heading %d", i).isGreaterThanOrEqualTo(needed);
        }
        javax.swing.JTable table = GuiActionRunner.execute(() -> cmp.results().table());
        assertThat(GuiActionRunner.execute(() -> table.getColumnName(2))).startsWith("restore 1 · lab-jvm17-default");
        assertThat(GuiActionRunner.execute(() -> table.getColumnName(4))).startsWith("restore 3 · lab-jvm17-default");
    }

    @Test
    void threeViewsSideBySideLeaveEveryControlWhole() {
        for (int i = 0; i < 3; i++) {
            int index = i;
            CaptureView v = GuiActionRunner.execute(() -> cmp.views().get(index));
            for (Container bar : GuiActionRunner.execute(() -> List.<Container>of(v.replayControls(), v.statusBar()))) {
                List<String> problems = GuiActionRunner.execute(() -> cutOrOverlapping(bar));
                assertThat(problems).as("view %d, %s", i, bar.getClass().getSimpleName()).isEmpty();
            }
        }
    }

    /** The visible children of {@code bar} that stick out of it, are squeezed below a usable width, or overlap. */
    private static List<String> cutOrOverlapping(Container bar) {
        List<String> problems = new ArrayList<>();
        List<Component> shown = new ArrayList<>();
        for (Component c : bar.getComponents()) {
            if (c.isVisible()) {
                shown.add(c);
            }
        }
        Rectangle inside = new Rectangle(0, 0, bar.getWidth(), bar.getHeight());
        for (Component c : shown) {
            String name = c.getName() != null ? c.getName() : c.getClass().getSimpleName()
                    + (c instanceof javax.swing.JLabel l ? " '" + l.getText() + "'" : "");
            if (!inside.contains(c.getBounds())) {
                problems.add(name + " cut off: " + c.getBounds() + " in " + inside);
            }
            if (c.getWidth() < Math.min(24, c.getPreferredSize().width)) {
                problems.add(name + " squeezed to " + c.getWidth() + " px");
            }
            for (Component d : shown) {
                if (d != c && c.getBounds().intersects(d.getBounds()) && shown.indexOf(d) > shown.indexOf(c)) {
                    problems.add(name + " overlaps " + d.getName() + ": " + c.getBounds() + " / " + d.getBounds());
                }
            }
        }
        return problems;
    }
}
