package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;
import com.formdev.flatlaf.ui.FlatScrollPaneBorder;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.swing.JScrollPane;
import javax.swing.JTree;
import javax.swing.LookAndFeel;
import javax.swing.UIManager;
import javax.swing.border.Border;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scroll panes' border paints the pixels FlatLaf's own does, taking its short way where it can. */
class WholePixelScrollPaneBorderTest {
    private LookAndFeel before;

    @BeforeEach
    void remember() {
        before = UIManager.getLookAndFeel();
    }

    @AfterEach
    void restore() throws Exception {
        System.clearProperty("flatlaf.uiScale");
        UIManager.setLookAndFeel(before);
    }

    @ParameterizedTest(name = "{0}, FlatLaf scale {1}, device scale {2}: {3}x{4}, short way {5}")
    @CsvSource({
        "light, 1, 1,   300, 200, true",
        "dark,  1, 1,   300, 200, true",
        "light, 2, 1,   301, 77,  true",
        "light, 1, 2,   120, 90,  true",
        "light, 1, 1,   1,   1,   true",
        "light, 1, 1,   2,   5,   true",
        "light, 1, 1.5, 120, 90,  false",     // device pixels are not whole: FlatLaf's antialiased shape
        "light, 1.5, 1, 120, 90,  false",     // a border 1.5 px wide: the same
    })
    void paintsTheSamePixelsAsFlatLaf(String theme, String flatScale, double deviceScale, int w, int h,
            boolean shortWay) throws Exception {
        System.setProperty("flatlaf.uiScale", flatScale);
        UIManager.setLookAndFeel(theme.equals("dark") ? new FlatDarkLaf() : new FlatLightLaf());
        JScrollPane pane = new JScrollPane(new JTree());
        WholePixelScrollPaneBorder ours = new WholePixelScrollPaneBorder();

        BufferedImage flat = paint(new FlatScrollPaneBorder(), pane, deviceScale, w, h);
        BufferedImage mine = paint(ours, pane, deviceScale, w, h);

        Graphics2D g = mine.createGraphics();
        g.scale(deviceScale, deviceScale);
        assertThat(ours.wholePixelWidth(pane, g) > 0).as("painted without FlatLaf's shape").isEqualTo(shortWay);
        g.dispose();
        for (int y = 0; y < flat.getHeight(); y++) {
            for (int x = 0; x < flat.getWidth(); x++) {
                assertThat(Integer.toHexString(mine.getRGB(x, y))).as("pixel (%d, %d)", x, y)
                        .isEqualTo(Integer.toHexString(flat.getRGB(x, y)));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"error", "warning"})
    void leavesAnOutlinedPaneToFlatLaf(String outline) throws Exception {
        UIManager.setLookAndFeel(new FlatLightLaf());
        JScrollPane pane = new JScrollPane(new JTree());
        pane.putClientProperty("JComponent.outline", outline);
        WholePixelScrollPaneBorder ours = new WholePixelScrollPaneBorder();
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        assertThat(ours.wholePixelWidth(pane, g)).isZero();
        g.dispose();
        BufferedImage flat = paint(new FlatScrollPaneBorder(), pane, 1, 50, 40);
        BufferedImage mine = paint(ours, pane, 1, 50, 40);
        assertThat(mine.getRGB(0, 20)).isEqualTo(flat.getRGB(0, 20));
    }

    /** The border painted on a white image of {@code w} x {@code h} component pixels at {@code scale} device pixels each. */
    private static BufferedImage paint(Border border, JScrollPane pane, double scale, int w, int h) {
        BufferedImage img = new BufferedImage((int) Math.ceil(w * scale), (int) Math.ceil(h * scale), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.scale(scale, scale);
        border.paintBorder(pane, g, 0, 0, w, h);
        g.dispose();
        return img;
    }
}
