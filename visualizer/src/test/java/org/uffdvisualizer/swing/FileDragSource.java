package org.uffdvisualizer.swing;

import java.awt.Component;
import java.awt.Point;
import java.awt.Robot;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.TransferHandler;
import org.assertj.swing.edt.GuiActionRunner;

/**
 * A small window of the test's own from which the mouse drags a path as a file list, the way a
 * file manager does: the source end of a real drag and drop (the X11 drag protocol between two
 * windows) in the {@code gui} tests.
 */
final class FileDragSource implements AutoCloseable {
    private final JFrame frame;
    private final JLabel label;

    /** Shows the window at the top left corner of the screen, offering {@code path}. */
    FileDragSource(Path path) {
        label = GuiActionRunner.execute(() -> new JLabel("drag me: " + path.getFileName()));
        frame = GuiActionRunner.execute(() -> {
            label.setName("dragSource");
            label.setTransferHandler(new FileListExport(path));
            MouseAdapter drag = new MouseAdapter() {
                @Override
                public void mouseDragged(MouseEvent e) {
                    label.getTransferHandler().exportAsDrag(label, e, TransferHandler.COPY);
                }
            };
            label.addMouseMotionListener(drag);
            JFrame f = new JFrame("drag source");
            f.getContentPane().add(label);
            f.setBounds(0, 0, 140, 80);
            f.setVisible(true);
            return f;
        });
        RealWindow.waitFor("drag source shown", label::isShowing);
    }

    /**
     * Presses the mouse on the label, moves it in steps to the middle of what {@code target}
     * shows, and releases it there, with the real mouse of the display.
     */
    void dragTo(Component target, Robot mouse) throws InterruptedException {
        mouse.setAutoDelay(20);
        mouse.waitForIdle();
        Point from = GuiActionRunner.execute(() -> {
            Point p = label.getLocationOnScreen();
            return new Point(p.x + label.getWidth() / 2, p.y + label.getHeight() / 2);
        });
        Point to = GuiActionRunner.execute(() -> {
            Point p = target.getLocationOnScreen();
            java.awt.Rectangle visible = ((JComponent) target).getVisibleRect();
            return new Point(p.x + visible.x + visible.width / 2, p.y + visible.y + visible.height / 2);
        });
        mouse.mouseMove(from.x, from.y);
        mouse.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        // Steps: the drag starts after a few pixels, and the drop target needs motion over it.
        for (int i = 1; i <= 30; i++) {
            mouse.mouseMove(from.x + (to.x - from.x) * i / 30, from.y + (to.y - from.y) * i / 30);
        }
        Thread.sleep(300);
        mouse.mouseMove(to.x + 5, to.y + 5);
        Thread.sleep(300);
        mouse.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        mouse.setAutoDelay(0);
    }

    @Override
    public void close() {
        GuiActionRunner.execute(() -> frame.dispose());
    }

    /** Offers one path in the file-list flavour, for copying. */
    private static final class FileListExport extends TransferHandler {
        private static final long serialVersionUID = 1L;
        private final transient Path path;

        FileListExport(Path path) {
            this.path = path;
        }

        @Override
        public int getSourceActions(JComponent c) {
            return COPY;
        }

        @Override
        protected Transferable createTransferable(JComponent c) {
            return new FileList(List.of(path.toFile()));
        }
    }

    /** The file-list flavour a desktop's file manager offers when it drags files. */
    private record FileList(List<File> files) implements Transferable {
        @Override
        public DataFlavor[] getTransferDataFlavors() {
            return new DataFlavor[] {DataFlavor.javaFileListFlavor};
        }

        @Override
        public boolean isDataFlavorSupported(DataFlavor flavor) {
            return DataFlavor.javaFileListFlavor.equals(flavor);
        }

        @Override
        public Object getTransferData(DataFlavor flavor) throws UnsupportedFlavorException {
            if (!isDataFlavorSupported(flavor)) {
                throw new UnsupportedFlavorException(flavor);
            }
            return files;
        }
    }
}
