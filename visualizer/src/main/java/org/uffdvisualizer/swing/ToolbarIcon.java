package org.uffdvisualizer.swing;

import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * Small vector icons for the toolbar (play, pause, step, jump, zoom), drawn with Java2D so that
 * they are sharp at any screen scale and follow the theme's foreground colour.
 */
enum ToolbarIcon implements Icon {
    PLAY, PAUSE, STEP_FORWARD, STEP_BACK, TO_START, TO_END, ZOOM_IN, ZOOM_OUT, ZOOM_FIT, OPEN, EXPORT;

    private static final int SIZE = 16;

    @Override
    public void paintIcon(Component c, Graphics g, int x, int y) {
        Graphics2D g2 = (Graphics2D) g.create();
        g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g2.translate(x, y);
        Color fg = c != null && !c.isEnabled() ? UIManager.getColor("Label.disabledForeground")
                : UIManager.getColor("Label.foreground");
        g2.setColor(fg != null ? fg : Color.DARK_GRAY);
        switch (this) {
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
                g2.setStroke(new java.awt.BasicStroke(1.6f));
                g2.drawOval(2, 2, 9, 9);
                g2.drawLine(10, 10, 14, 14);
                g2.drawLine(4, 6, 9, 6);
                if (this == ZOOM_IN) {
                    g2.drawLine(6, 4, 6, 9);
                }
            }
            case ZOOM_FIT -> {
                g2.setStroke(new java.awt.BasicStroke(1.6f));
                g2.drawRect(2, 2, 12, 12);
                g2.fillRect(5, 5, 6, 6);
            }
            case OPEN -> {
                g2.setStroke(new java.awt.BasicStroke(1.4f));
                g2.drawRect(2, 4, 12, 9);
                g2.drawLine(2, 4, 5, 2);
                g2.drawLine(5, 2, 8, 4);
            }
            case EXPORT -> {
                g2.setStroke(new java.awt.BasicStroke(1.4f));
                g2.drawRect(2, 9, 12, 5);
                g2.drawLine(8, 2, 8, 10);
                g2.drawLine(5, 7, 8, 10);
                g2.drawLine(11, 7, 8, 10);
            }
            default -> throw new IllegalStateException(name());
        }
        g2.dispose();
    }

    private static Path2D triangle(double x0, double y0, double x1, double y1, double x2, double y2) {
        Path2D p = new Path2D.Double();
        p.moveTo(x0, y0);
        p.lineTo(x1, y1);
        p.lineTo(x2, y2);
        p.closePath();
        return p;
    }

    @Override
    public int getIconWidth() {
        return SIZE;
    }

    @Override
    public int getIconHeight() {
        return SIZE;
    }
}
