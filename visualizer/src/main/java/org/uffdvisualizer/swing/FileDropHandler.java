package org.uffdvisualizer.swing;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.SwingUtilities;
import javax.swing.TransferHandler;

/** Accepts files and directories dropped on the window and hands them over as paths. */
final class FileDropHandler extends TransferHandler {
    private static final long serialVersionUID = 1L;

    private final transient Consumer<List<Path>> dropped;

    FileDropHandler(Consumer<List<Path>> dropped) {
        this.dropped = dropped;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        try {
            @SuppressWarnings("unchecked")
            List<File> files = (List<File>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            List<Path> paths = files.stream().map(File::toPath).toList();
            // Later, not inside the drop: opening may show a modal error dialog, and a drop that
            // has not returned keeps the dragging application (a file manager) waiting for it.
            SwingUtilities.invokeLater(() -> dropped.accept(paths));
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }
}
