package org.uffdvisualizer.swing;

import java.awt.Window;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JTextField;
import net.miginfocom.swing.MigLayout;
import org.uffdvisualizer.parse.CaptureFiles;

/**
 * Asks for the three files of a capture one by one: the mapping dump (required), the uffd log
 * and NMT files (optional; several NMT files separated by {@code ;}).
 */
final class OpenFilesDialog extends JDialog {
    private static final long serialVersionUID = 1L;

    private final JTextField mappings = new JTextField(40);
    private final JTextField uffd = new JTextField(40);
    private final JTextField nmt = new JTextField(40);
    private transient CaptureFiles result;

    private OpenFilesDialog(Window owner, String startDir) {
        super(owner, "Open Capture Files", ModalityType.APPLICATION_MODAL);
        // label | field (grows) | browse button
        setLayout(new MigLayout("insets dialog, wrap 3", "[right][grow, fill][]", "[][][][]push[]"));
        mappings.setName("mappingsFile");
        uffd.setName("uffdFile");
        nmt.setName("nmtFiles");
        row("Mapping dump (mem_mapping.txt):", mappings, startDir, false);
        row("uffd handler log (optional):", uffd, startDir, false);
        row("NMT detail files (optional):", nmt, startDir, true);
        add(new JLabel("Files may be gzip-compressed."), "skip, span 2");
        JButton ok = new JButton("Open");
        ok.setName("openFilesOk");
        JButton cancel = new JButton("Cancel");
        ok.addActionListener(e -> accept());
        cancel.addActionListener(e -> dispose());
        add(ok, "skip, split 2, tag ok, span 2");
        add(cancel, "tag cancel");
        getRootPane().setDefaultButton(ok);
        pack();
        setLocationRelativeTo(owner);
    }

    /** Shows the dialog; the chosen files, or null if cancelled. */
    static CaptureFiles ask(Window owner, String startDir) {
        OpenFilesDialog d = new OpenFilesDialog(owner, startDir);
        d.setVisible(true);
        return d.result;
    }

    private void row(String label, JTextField field, String startDir, boolean multi) {
        add(new JLabel(label));
        add(field);
        JButton browse = new JButton("Browse…");
        browse.addActionListener(e -> {
            JFileChooser c = new JFileChooser(startDir);
            c.setMultiSelectionEnabled(multi);
            if (c.showOpenDialog(this) == JFileChooser.APPROVE_OPTION) {
                List<String> names = new ArrayList<>();
                for (File f : multi ? c.getSelectedFiles() : new File[] {c.getSelectedFile()}) {
                    names.add(f.getPath());
                }
                field.setText(String.join(";", names));
            }
        });
        add(browse);
    }

    private void accept() {
        if (mappings.getText().isBlank()) {
            JOptionPane.showMessageDialog(this, "The mapping dump is required.", "Open Capture Files",
                    JOptionPane.WARNING_MESSAGE);
            return;
        }
        List<Path> nmtFiles = new ArrayList<>();
        for (String s : nmt.getText().split(";")) {
            if (!s.isBlank()) {
                nmtFiles.add(Path.of(s.trim()));
            }
        }
        result = new CaptureFiles(Path.of(mappings.getText().trim()),
                uffd.getText().isBlank() ? null : Path.of(uffd.getText().trim()), nmtFiles);
        dispose();
    }
}
