package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import com.formdev.flatlaf.FlatLightLaf;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import javax.swing.JLabel;
import javax.swing.LookAndFeel;
import javax.swing.UIManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Toolbar icons and legend swatches grow with FlatLaf's UI scale, as FlatLaf's own icons do. */
class IconScaleTest {
    private LookAndFeel before;

    @BeforeEach
    void twiceTheScale() throws Exception {
        before = UIManager.getLookAndFeel();
        System.setProperty("flatlaf.uiScale", "2");
        UIManager.setLookAndFeel(new FlatLightLaf());      // FlatLaf reads the scale when a look and feel is set
    }

    @AfterEach
    void restore() throws Exception {
        System.clearProperty("flatlaf.uiScale");
        UIManager.setLookAndFeel(before);
    }

    @Test
    void iconsAreTwiceTheirDesignSize() {
        assertThat(ToolbarIcon.PLAY.getIconWidth()).isEqualTo(32);
        assertThat(ToolbarIcon.ZOOM_FIT.getIconHeight()).isEqualTo(32);
        assertThat(new LegendPanel.Swatch(0xff0000).getIconWidth()).isEqualTo(2 * LegendPanel.Swatch.SIZE);
    }

    @Test
    void theyArePaintedAtThatSize() {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        ToolbarIcon.PLAY.paintIcon(new JLabel(), g, 0, 0);
        g.dispose();
        // The play triangle spans x 4..13 of the 16 px design: at twice the scale (20, 16) is inside it,
        // and the right half of the image, where a 16 px icon never paints, holds part of it.
        assertThat(img.getRGB(20, 16) >>> 24).isGreaterThan(128);
        BufferedImage swatch = new BufferedImage(28, 28, BufferedImage.TYPE_INT_ARGB);
        g = swatch.createGraphics();
        new LegendPanel.Swatch(0xff0000).paintIcon(new JLabel(), g, 0, 0);
        g.dispose();
        assertThat(swatch.getRGB(20, 20) & 0xffffff).isEqualTo(0xff0000);
    }
}
