package org.uffdvisualizer.swing;

import com.formdev.flatlaf.icons.FlatAbstractIcon;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import javax.swing.UIManager;

/**
 * Small vector icons for the toolbar (play, pause, step, jump, zoom, compact view), drawn with Java2D on a
 * 16 x 16 grid that FlatLaf scales with its UI scale ({@code flatlaf.uiScale}, the font size), like
 * its own icons, so that they stay sharp and in proportion; they follow the theme's foreground colour.
 */
final class ToolbarIcon extends FlatAbstractIcon {
    /** What an icon shows. */
    enum Shape { PLAY, PAUSE, STEP_FORWARD, STEP_BACK, TO_START, TO_END, ZOOM_IN, ZOOM_OUT, ZOOM_FIT, COMPACT, OPEN, EXPORT }

    static final ToolbarIcon PLAY = new ToolbarIcon(Shape.PLAY);
    static final ToolbarIcon PAUSE = new ToolbarIcon(Shape.PAUSE);
    static final ToolbarIcon STEP_FORWARD = new ToolbarIcon(Shape.STEP_FORWARD);
    static final ToolbarIcon STEP_BACK = new ToolbarIcon(Shape.STEP_BACK);
    static final ToolbarIcon TO_START = new ToolbarIcon(Shape.TO_START);
    static final ToolbarIcon TO_END = new ToolbarIcon(Shape.TO_END);
    static final ToolbarIcon ZOOM_IN = new ToolbarIcon(Shape.ZOOM_IN);
    static final ToolbarIcon ZOOM_OUT = new ToolbarIcon(Shape.ZOOM_OUT);
    static final ToolbarIcon ZOOM_FIT = new ToolbarIcon(Shape.ZOOM_FIT);
    static final ToolbarIcon COMPACT = new ToolbarIcon(Shape.COMPACT);
    static final ToolbarIcon OPEN = new ToolbarIcon(Shape.OPEN);
    static final ToolbarIcon EXPORT = new ToolbarIcon(Shape.EXPORT);

    /** Side of the design grid, in unscaled pixels. */
    static final int SIZE = 16;

    private final Shape shape;

    private ToolbarIcon(Shape shape) {
        super(SIZE, SIZE, null);
        this.shape = shape;
    }

    /** Paints on the 16 x 16 grid: FlatAbstractIcon has translated, scaled and antialiased {@code g2}. */
    @Override
    protected void paintIcon(Component c, Graphics2D g2) {
        Color fg = c != null && !c.isEnabled() ? UIManager.getColor("Label.disabledForeground")
                : UIManager.getColor("Label.foreground");
        g2.setColor(fg != null ? fg : Color.DARK_GRAY);
        switch (shape) {
            case PLAY -> g2.fill(triangle(4, 2, 13, 8, 4, 14));
            case PAUSE -> {
                g2.fillRect(4, 3, 3, 10);
                g2.fillRect(9, 3, 3, 10);
            }
            case STEP_FORWARD -> {
                g2.fill(triangle(3, 3, 10, 8, 3, 13));
                g2.fillRect(11, 3, 2, 10);
            }
            case STEP_BACK -> {
                g2.fill(triangle(13, 3, 6, 8, 13, 13));
                g2.fillRect(3, 3, 2, 10);
            }
            case TO_START -> {
                g2.fillRect(2, 3, 2, 10);
                g2.fill(triangle(9, 3, 4, 8, 9, 13));
                g2.fill(triangle(14, 3, 9, 8, 14, 13));
            }
            case TO_END -> {
                g2.fill(triangle(2, 3, 7, 8, 2, 13));
                g2.fill(triangle(7, 3, 12, 8, 7, 13));
                g2.fillRect(12, 3, 2, 10);
            }
            case ZOOM_IN, ZOOM_OUT -> {
                g2.setStroke(new BasicStroke(1.6f));
                g2.drawOval(2, 2, 9, 9);
                g2.drawLine(10, 10, 14, 14);
                g2.drawLine(4, 6, 9, 6);
                if (shape == Shape.ZOOM_IN) {
                    g2.drawLine(6, 4, 6, 9);
                }
            }
            case ZOOM_FIT -> {
                g2.setStroke(new BasicStroke(1.6f));
                g2.drawRect(2, 2, 12, 12);
                g2.fillRect(5, 5, 6, 6);
            }
            case COMPACT -> {
                // Two bands of rows with a dashed gap between them: rows left out, the rest packed.
                g2.fillRect(2, 2, 12, 4);
                g2.fillRect(2, 10, 12, 4);
                g2.fillRect(2, 7, 3, 2);
                g2.fillRect(7, 7, 3, 2);
                g2.fillRect(12, 7, 2, 2);
            }
            case OPEN -> {
                g2.setStroke(new BasicStroke(1.4f));
                g2.drawRect(2, 4, 12, 9);
                g2.drawLine(2, 4, 5, 2);
                g2.drawLine(5, 2, 8, 4);
            }
            case EXPORT -> {
                g2.setStroke(new BasicStroke(1.4f));
                g2.drawRect(2, 9, 12, 5);
                g2.drawLine(8, 2, 8, 10);
                g2.drawLine(5, 7, 8, 10);
                g2.drawLine(11, 7, 8, 10);
            }
            default -> throw new IllegalStateException(shape.name());
        }
    }

    private static Path2D triangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        Path2D p = new Path2D.Double();
        p.moveTo(x0, y0);
        p.lineTo(x1, y1);
        p.lineTo(x2, y2);
        p.closePath();
        return p;
    }
}
