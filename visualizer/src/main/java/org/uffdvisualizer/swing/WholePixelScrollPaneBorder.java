package org.uffdvisualizer.swing;

import com.formdev.flatlaf.ui.FlatScrollPaneBorder;
import com.formdev.flatlaf.util.UIScale;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.AffineTransform;

/**
 * FlatLaf's scroll pane border, painted as four filled rectangles where that gives the same pixels.
 *
 * <p>FlatLaf paints a border as an antialiased shape, which the Marlin renderer rasterises by sub-pixel rows. The
 * grid's and the tree's scroll panes are the tallest and widest components of the window, and their borders alone
 * made Marlin's inner loops hot enough for the C2 compiler to compile them during the start: 80-100 ms of CPU on
 * the core that the window's build shares with the parse (docs/PERFORMANCE.md, "Start-up", third round). A border
 * with square corners, a width of whole pixels, no focus ring and no outline covers whole pixels only, so
 * antialiasing changes none of them; everything else is left to FlatLaf. {@code WholePixelScrollPaneBorderTest}
 * compares the two pixel by pixel.
 *
 * <p>FlatLaf makes it from the look and feel's defaults (see {@link Theme}), by name: hence public.
 */
public class WholePixelScrollPaneBorder extends FlatScrollPaneBorder {

    @Override
    public void paintBorder(Component c, Graphics g, int x, int y, int width, int height) {
        int line = wholePixelWidth(c, g);
        Paint paint = line > 0 ? getBorderColor(c) : null;
        if (!(paint instanceof Color colour)) {
            super.paintBorder(c, g, x, y, width, height);
            return;
        }
        Color before = g.getColor();
        g.setColor(colour);
        int rows = Math.min(line, height);          // of the top and bottom edges
        int columns = Math.min(line, width);        // of the left and right edges
        int side = Math.max(0, height - 2 * line);
        g.fillRect(x, y, width, rows);
        g.fillRect(x, y + height - rows, width, rows);
        g.fillRect(x, y + line, columns, side);
        g.fillRect(x + width - columns, y + line, columns, side);
        g.setColor(before);
    }

    /**
     * The border's width in pixels if FlatLaf would paint it as a square ring of whole pixels: no arc, no focus
     * ring or outline, a width and a device transform of whole numbers. 0 if not (then FlatLaf paints it).
     */
    int wholePixelWidth(Component c, Graphics g) {
        if (getArc(c) != 0 || getFocusWidth(c) != 0 || getOutlineColor(c) != null || !(g instanceof Graphics2D g2)) {
            return 0;
        }
        float width = UIScale.scale(getBorderWidth(c));
        AffineTransform t = g2.getTransform();
        boolean wholeDeviceScale = (t.getType() & ~(AffineTransform.TYPE_TRANSLATION | AffineTransform.TYPE_UNIFORM_SCALE)) == 0
                && whole(t.getScaleX()) && whole(t.getTranslateX()) && whole(t.getTranslateY());
        return wholeDeviceScale && width > 0 && whole(width) ? (int) width : 0;
    }

    private static boolean whole(double v) {
        return v == Math.rint(v);
    }
}
