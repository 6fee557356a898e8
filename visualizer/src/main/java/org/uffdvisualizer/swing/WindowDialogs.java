package org.uffdvisualizer.swing;

import java.awt.Component;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.swing.JFileChooser;
import javax.swing.JOptionPane;

/**
 * The window's modal dialogs: the file choosers (starting where the user was last, which the
 * preferences remember) and the error message. Event Dispatch Thread only.
 */
final class WindowDialogs {
    static final String APP = "UffdVisualizer";

    private WindowDialogs() {
    }

    /** Asks for capture directories or files; none if the user cancelled. */
    static List<Path> chooseCapture(Component parent, AppPreferences prefs) {
        JFileChooser c = new CaptureDirectoryChooser(prefs.lastDirectory());
        if (c.showOpenDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return List.of();
        }
        File[] chosen = c.getSelectedFiles().length > 0 ? c.getSelectedFiles() : new File[] {c.getSelectedFile()};
        prefs.setLastDirectory(chosen[0].getAbsoluteFile().getParent());
        return Arrays.stream(chosen).map(File::toPath).toList();
    }

    /** Asks where to save a PNG named after {@code session}'s title first; ".png" is added if missing; null if cancelled or none. */
    static Path choosePng(Component parent, AppPreferences prefs, CaptureSession session) {
        if (session == null) {
            return null;
        }
        String title = session.source().title();
        JFileChooser c = new JFileChooser(prefs.lastDirectory());
        c.setDialogTitle("Export View as PNG");
        c.setSelectedFile(new File(title.replaceAll("[^A-Za-z0-9._-]+", "_") + ".png"));
        if (c.showSaveDialog(parent) != JFileChooser.APPROVE_OPTION) {
            return null;
        }
        Path target = c.getSelectedFile().toPath();
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            target = target.resolveSibling(target.getFileName() + ".png");
        }
        return target;
    }

    static void error(Component parent, String title, String message) {
        JOptionPane.showMessageDialog(parent, wrap(message), title, JOptionPane.ERROR_MESSAGE);
    }

    static void about(Component parent) {
        JOptionPane.showMessageDialog(parent, APP + "\n\nGuest-physical memory of a microVM"
                + " restored from a snapshot through userfaultfd:\nwho owns every page, and in which order the restore"
                + " faulted them back.\n\nHover a cell for its owners; double-click it to find its mapping in the tree.",
                "About " + APP, JOptionPane.INFORMATION_MESSAGE);
    }

    /** Long messages (paths) wrapped so the dialog fits on screen. */
    static String wrap(String message) {
        StringBuilder b = new StringBuilder();
        int col = 0;
        for (String word : message.split(" ")) {
            if (col > 0 && col + word.length() > 90) {
                b.append('\n');
                col = 0;
            } else if (col > 0) {
                b.append(' ');
                col++;
            }
            b.append(word);
            col += word.length();
        }
        return b.toString();
    }
}
