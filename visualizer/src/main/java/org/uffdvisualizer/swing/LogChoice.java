package org.uffdvisualizer.swing;

import java.nio.file.Path;
import java.util.function.Consumer;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import org.uffdvisualizer.parse.CaptureFiles;

/**
 * Says in the status line which uffd log a capture directory's session shows when the directory
 * holds several (the one with timestamps is chosen, see {@link CaptureFiles#inDirectory}), and lets
 * the user open the capture with another. Event Dispatch Thread only.
 */
final class LogChoice {

    private LogChoice() {
    }

    /** Shows the choice of {@code session}'s logs on {@code bar}, or hides it if there is none; {@code open} opens another. */
    static void offer(StatusBar bar, CaptureSession session, Consumer<CaptureSource> open) {
        CaptureFiles files = session.loaded().files();
        if (files.uffd() == null || files.otherUffdLogs().isEmpty()) {
            bar.setLogChoice(null, null, null);
            return;
        }
        JPopupMenu menu = new JPopupMenu();
        menu.setName("logChoiceMenu");
        for (Path other : files.otherUffdLogs()) {
            JMenuItem item = new JMenuItem("Use " + other.getFileName());
            item.setName("useLog." + other.getFileName());
            item.addActionListener(e -> open.accept(new CaptureSource(session.source().title(), null, files.withUffd(other),
                    session.source().options())));
            menu.add(item);
        }
        bar.setLogChoice("uffd log: " + files.uffd().getFileName() + " \u25be",
                "<html>The directory holds " + (files.otherUffdLogs().size() + 1) + " uffd logs; this one was chosen"
                        + " because it is the richest (timestamps let the replay follow time).<br>Click to open the"
                        + " capture with another.</html>",
                () -> {
                    var button = bar.logChoiceButton();
                    menu.show(button, 0, -menu.getPreferredSize().height);
                });
    }
}
