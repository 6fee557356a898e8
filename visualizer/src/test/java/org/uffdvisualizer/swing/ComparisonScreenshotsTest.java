package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JComponent;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.render.ComparisonCharts;
import org.uffdvisualizer.render.PageClass;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The comparison screenshots of docs/user-guide.md: the default JVM 17 run and the THP + AppCDS
 * run side by side, Java Heap selected in both, replayed to the middle of the baseline's heap
 * faults, with the table and with the charts. Written where {@link UserGuideScreenshotsTest}
 * writes (regenerate both with its command); each picture is checked by pixel for what the guide
 * says it shows.
 */
@Tag("gui")
class ComparisonScreenshotsTest {
    private RealWindow real;
    private FrameFixture window;
    private MainWindow main;
    private ComparisonPanel cmp;
    private Path dir;

    @BeforeEach
    void openPair() throws Exception {
        dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        real = RealWindow.open("cmpshots", new Dimension(1440, 900));
        window = real.window;
        main = real.main;
        cmp = main.comparison();
        GuiActionRunner.execute(() -> {
            main.open(CaptureSource.ofFiles(TestCaptures.jvm17Files(), CaptureLoader.Options.defaults()));
            cmp.add(CaptureSource.ofFiles(TestCaptures.thpFiles(), CaptureLoader.Options.defaults()));
        });
        RealWindow.waitFor("both loaded", () -> cmp.sessions().size() == 2 && !cmp.isLoading());
        real.tree().expandPath("20296 java").expandPath("20296 java/NMT (nmt.txt.gz)")
                .clickPath("20296 java/NMT (nmt.txt.gz)/Java Heap");
        RealWindow.waitFor("heap selected in both", () -> cmp.sessions().stream()
                .allMatch(s -> s.selection().label().startsWith("Java Heap")));
        GuiActionRunner.execute(() -> main.replay().seek(main.replay().faultCount() / 2));
        RealWindow.waitFor("compared at the middle", () -> !cmp.results().isComputing() && cmp.results().comparison() != null
                && cmp.results().comparison().runs().get(0).cursor() == main.replay().faultCount() / 2);
        window.robot().waitForIdle();
    }

    @AfterEach
    void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    private BufferedImage shoot(String name) throws Exception {
        return real.shoot(dir.resolve(name));
    }

    private int count(BufferedImage shot, JComponent c, int rgb) {
        return real.count(shot, c, rgb);
    }

    @Test
    void sideBySideWithTheTable() throws Exception {
        BufferedImage shot = shoot("window-comparison.png");
        for (int i = 0; i < 2; i++) {
            int index = i;
            CaptureView w = GuiActionRunner.execute(() -> cmp.views().get(index));
            int loaded = GuiActionRunner.execute(() -> w.session().grid().palette().rgb(PageClass.LOADED_SELECTED));
            int toCome = GuiActionRunner.execute(() -> w.session().grid().palette().rgb(PageClass.SELECTED));
            assertThat(count(shot, w.canvas(), loaded)).as("loaded heap pixels of grid %d", i).isGreaterThan(50);
            assertThat(count(shot, w.canvas(), toCome)).as("heap pixels still to come of grid %d", i).isGreaterThan(50);
        }
        assertThat(GuiActionRunner.execute(() -> cmp.results().tableText())).contains("java / Java Heap");
        assertThat(GuiActionRunner.execute(() -> cmp.results().table().isShowing())).isTrue();
    }

    @Test
    void chartsOfThePair() throws Exception {
        window.tabbedPane("comparisonTabs").selectTab("Charts");
        JComponent charts = GuiActionRunner.execute(() -> (JComponent) window.panel("nmtChart").target().getParent());
        BufferedImage shot = shoot("window-comparison-charts.png");
        for (int r = 0; r < 2; r++) {
            assertThat(count(shot, charts, ComparisonCharts.runColour(r).getRGB() & 0xffffff))
                    .as("pixels of run %d's bars and lines", r).isGreaterThan(200);
        }
    }
}
