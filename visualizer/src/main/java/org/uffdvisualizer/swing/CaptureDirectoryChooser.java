package org.uffdvisualizer.swing;

import java.awt.Component;
import java.awt.Container;
import java.awt.event.ActionEvent;
import java.io.File;
import javax.swing.AbstractAction;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFileChooser;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;

/**
 * The Open Capture Directory chooser: directories or files, several at once. A capture directory
 * typed into the file name field opens when Enter is pressed (the plain chooser would only go
 * into it); any other directory is gone into as usual.
 */
final class CaptureDirectoryChooser extends JFileChooser {
    private static final long serialVersionUID = 1L;

    CaptureDirectoryChooser(String start) {
        super(start);
        setDialogTitle("Open Capture Directory");
        setFileSelectionMode(JFileChooser.FILES_AND_DIRECTORIES);
        setMultiSelectionEnabled(true);
        JTextField name = fileNameField(this);
        if (name != null) {
            name.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke("ENTER"), "openCaptureDirectory");
            name.getActionMap().put("openCaptureDirectory", new AbstractAction() {
                private static final long serialVersionUID = 1L;

                @Override
                public void actionPerformed(ActionEvent e) {
                    enter(name);
                }
            });
        }
    }

    private void enter(JTextField name) {
        String typed = name.getText().strip();
        File f = new File(typed);
        if (!f.isAbsolute()) {
            f = new File(getCurrentDirectory(), typed);
        }
        if (!typed.isEmpty() && f.isDirectory() && isCapture(f)) {
            setSelectedFiles(new File[] {f});
            setSelectedFile(f);
            approveSelection();
            return;
        }
        JButton approve = SwingUtilities.getRootPane(name) == null ? null : SwingUtilities.getRootPane(name).getDefaultButton();
        if (approve != null) {
            approve.doClick();     // what Enter does in the plain chooser: go into a directory, or open files
        }
    }

    private static boolean isCapture(File dir) {
        try {
            CaptureFiles.inDirectory(dir.toPath());
            return true;
        } catch (CaptureException e) {
            return false;
        }
    }

    private static JTextField fileNameField(Container c) {
        for (Component child : c.getComponents()) {
            if (child instanceof JTextField t) {
                return t;
            }
            if (child instanceof Container inner) {
                JTextField t = fileNameField(inner);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
