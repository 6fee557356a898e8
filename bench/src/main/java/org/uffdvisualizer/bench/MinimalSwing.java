package org.uffdvisualizer.bench;

import java.awt.Color;
import java.awt.Graphics;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.uffdvisualizer.swing.StartupTrace;

/**
 * The reference of the start-up benchmark: the least a Swing program does to show something, one
 * frame with one painted component, in the default look and feel. When the paint that first drew
 * the component is over it prints, with the product's own code, the line the product prints under
 * {@code -Duffdvisualizer.firstFrame=exit} and exits, so both are timed alike (that one class of
 * the product is all it loads of it).
 */
public final class MinimalSwing {
    private MinimalSwing() {
    }

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("minimal");
            frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
            frame.add(new JComponent() {
                private static final long serialVersionUID = 1L;
                private boolean painted;

                @Override
                protected void paintComponent(Graphics g) {
                    g.setColor(Color.BLUE);
                    g.fillRect(10, 10, getWidth() - 20, getHeight() - 20);
                    if (!painted) {
                        painted = true;
                        SwingUtilities.invokeLater(StartupTrace::firstFrameAndExit);
                    }
                }
            });
            frame.setSize(1400, 900);
            frame.setVisible(true);
        });
    }
}
