package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Dimension;
import java.nio.file.Path;
import javax.swing.JTree;
import org.assertj.swing.edt.GuiActionRunner;
import org.assertj.swing.fixture.FrameFixture;
import org.assertj.swing.fixture.JFileChooserFixture;
import org.assertj.swing.timing.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The ways a user opens a capture, in the real window under a real display: File > Open Capture
 * Directory through the real file chooser, File > Open Recent, and dragging a capture directory
 * (or a stray file) from another window with the real mouse and dropping it on the window. Each test checks what the user sees afterwards: the title,
 * the status line and the process tree of the capture that was opened.
 */
@Tag("gui")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpeningCapturesGuiTest {
    private static final Path JVM17 = TestCaptures.sampleDir("jvm17-default").toAbsolutePath().normalize();
    private static final Path JVM25 = TestCaptures.sampleDir("jvm25-default").toAbsolutePath().normalize();

    private static RealWindow real;
    private static FrameFixture window;
    private static MainWindow main;

    @BeforeAll
    static void openWindow() throws Exception {
        real = RealWindow.open("opening-test", new Dimension(1300, 850));
        window = real.window;
        main = real.main;
    }

    @AfterAll
    static void close() throws Exception {
        if (real != null) {
            real.close();
        }
    }

    @Test
    @Order(1)
    void fileOpenThroughTheFileChooserLoadsTheChosenDirectory() {
        assertThat(GuiActionRunner.execute(() -> main.getTitle())).isEqualTo("UffdVisualizer");
        window.menuItem("menuItem.OPEN_DIRECTORY").click();
        JFileChooserFixture chooser = window.fileChooser(Timeout.timeout(10_000));
        chooser.requireVisible();
        chooser.setCurrentDirectory(JVM25.getParent().toFile());
        javax.swing.JList<?> list = window.robot().finder().findByType(chooser.target(), javax.swing.JList.class, true);
        // The chooser lists a directory on a thread of its own, and a listing that ends after the
        // selection clears it: select only once the listing shows the directory. Without a window
        // manager nothing keeps the modal dialog above the main window, and in about 1 run in 10
        // the click on Open landed on the main window under it (the chooser stayed open with the
        // directory selected): raise the dialog before clicking, and if it still stays open, raise,
        // select and click again, as a user would.
        for (int attempt = 1; GuiActionRunner.execute(() -> chooser.target().isShowing()); attempt++) {
            assertThat(attempt).as("attempts to choose %s; chooser shows '%s', selected %s", JVM25,
                    GuiActionRunner.execute(() -> chooser.fileNameTextBox().target().getText()),
                    GuiActionRunner.execute(() -> chooser.target().getSelectedFile())).isLessThanOrEqualTo(3);
            RealWindow.waitFor("chooser lists " + JVM25.getParent(), () -> listed(list, JVM25));
            chooser.selectFile(JVM25.toFile());
            RealWindow.waitFor("chooser has the directory selected",
                    () -> JVM25.toFile().equals(chooser.target().getSelectedFile()));
            chooser.fileNameTextBox().requireText(java.util.regex.Pattern.compile(".*jvm25-default.*"));
            GuiActionRunner.execute(() -> javax.swing.SwingUtilities.getWindowAncestor(chooser.target()).toFront());
            window.robot().waitForIdle();
            if (attempt < 3) {
                chooser.approve();
            } else {
                // Twice missed under load: the chooser's own approve, what its Open button calls.
                GuiActionRunner.execute(() -> chooser.target().approveSelection());
            }
            closedWithin(chooser, 10_000);
        }
        waitUntilShowing("jvm25-default (composed restore order)");
        requireShowsCapture("jvm25-default (composed restore order)", "25241 java");
        // The chooser remembers where it was (in this test's own preferences).
        assertThat(new AppPreferences(real.preferences()).lastDirectory()).isEqualTo(JVM25.getParent().toString());
    }

    @Test
    @Order(2)
    void aCaptureOpenedEarlierReopensFromTheRecentMenu() {
        GuiActionRunner.execute(() -> main.open(CaptureSource.ofDirectory(JVM17, org.uffdvisualizer.parse.CaptureLoader.Options.defaults())));
        waitUntilShowing("jvm17-default (composed restore order)");
        requireShowsCapture("jvm17-default (composed restore order)", "20296 java");

        window.menuItemWithPath("File", "Open Recent", JVM25.toString()).click();
        waitUntilShowing("jvm25-default (composed restore order)");
        requireShowsCapture("jvm25-default (composed restore order)", "25241 java");
        // Most recent first: the reopened one, then the one before it.
        assertThat(new AppPreferences(real.preferences()).recent()).hasSize(2);
        assertThat(GuiActionRunner.execute(() -> recentMenu().getItem(0).getText())).isEqualTo(JVM25.toString());
        assertThat(GuiActionRunner.execute(() -> recentMenu().getItem(1).getText())).isEqualTo(JVM17.toString());
    }

    @Test
    @Order(3)
    void aDirectoryDraggedFromAnotherWindowAndDroppedOnTheGridOpens() throws Exception {
        try (FileDragSource source = new FileDragSource(JVM17)) {
            source.dragTo(main.canvas(), real.screen);
            waitUntilShowing("jvm17-default (composed restore order)");
        }
        requireShowsCapture("jvm17-default (composed restore order)", "20296 java");
    }

    @Test
    @Order(4)
    void aDroppedFileThatIsNoCaptureGivesADialogAndKeepsTheCapture() throws Exception {
        Path stray = java.nio.file.Files.createTempFile("notes-", ".txt");
        try (FileDragSource source = new FileDragSource(stray)) {
            source.dragTo(real.tree().target(), real.screen);
            window.optionPane(Timeout.timeout(10_000)).requireErrorMessage().requireTitle("Cannot open what was dropped")
                    .requireMessage(java.util.regex.Pattern.compile("(?s).*notes-.*neither\\s+a\\s+mapping\\s+dump.*"))
                    .okButton().click();
        } finally {
            java.nio.file.Files.delete(stray);
        }
        requireShowsCapture("jvm17-default (composed restore order)", "20296 java");
    }

    @Test
    @Order(5)
    void aDirectoryOfOtherNamesTypedIntoTheChooserOpensWithItsTimedLogAndTheOtherLogOnOffer() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("uffdvis-other-names");
        java.nio.file.Files.copy(JVM17.resolve("mem_mapping.txt.gz"), dir.resolve("default.mem_mapping.txt"));
        java.nio.file.Files.copy(JVM17.resolve("uffd.log.gz"), dir.resolve("qemu.uffd.log"));
        java.nio.file.Files.copy(JVM17.resolve("uffd-extended.log.gz"), dir.resolve("run2.handler.log"));
        java.nio.file.Files.copy(JVM17.resolve("nmt.txt.gz"), dir.resolve("qemu.nmt.txt"));
        // The menu item is clicked in the first test; here its action, so that the modal chooser does not wait on a menu.
        javax.swing.SwingUtilities.invokeLater(() -> main.action(WindowAction.OPEN_DIRECTORY).actionPerformed(null));
        JFileChooserFixture chooser = window.fileChooser(Timeout.timeout(10_000));
        GuiActionRunner.execute(() -> javax.swing.SwingUtilities.getWindowAncestor(chooser.target()).toFront());
        chooser.fileNameTextBox().deleteText().enterText(dir.toString());
        chooser.fileNameTextBox().pressAndReleaseKeys(java.awt.event.KeyEvent.VK_ENTER);
        closedWithin(chooser, 10_000);
        // Both logs are sample-data's, whose order make-restore-log composed: the title says so.
        waitUntilShowing(dir.getFileName() + " (composed restore order)");
        requireShowsCapture(dir.getFileName() + " (composed restore order)", "20296 java");
        long timedFaults = TestCaptures.pagefaultLines(JVM17.resolve("uffd-extended.log.gz"));
        assertThat(GuiActionRunner.execute(() -> (long) main.grid().capture().trace().faultCount())).isEqualTo(timedFaults);
        window.button("logChoice").requireVisible().requireText("uffd log: run2.handler.log \u25be");

        // The button's own click: a robot click could land while the status line is still being laid
        // out after the capture showed (its timeline comes after the first paint) and miss the button.
        javax.swing.JButton logChoice = window.button("logChoice").target();
        GuiActionRunner.execute(() -> logChoice.doClick());
        window.menuItem("useLog.qemu.uffd.log").click();
        RealWindow.waitFor("the other log", () -> !main.isLoading() && main.grid().capture().trace().faultCount() != timedFaults);
        window.robot().waitForIdle();
        assertThat(GuiActionRunner.execute(() -> (long) main.grid().capture().trace().faultCount()))
                .isEqualTo(TestCaptures.pagefaultLines(JVM17.resolve("uffd.log.gz")));
        window.button("logChoice").requireVisible().requireText("uffd log: qemu.uffd.log \u25be");
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        java.nio.file.Files.delete(dir);
    }

    /** Waits up to {@code millis} for the chooser to close; says on stderr if it did not (then the test tries again). */
    private static void closedWithin(JFileChooserFixture chooser, int millis) {
        try {
            org.assertj.swing.timing.Pause.pause(new org.assertj.swing.timing.Condition("chooser closed") {
                @Override
                public boolean test() {
                    return !GuiActionRunner.execute(() -> chooser.target().isShowing());
                }
            }, Timeout.timeout(millis));
        } catch (org.assertj.swing.exception.WaitTimedOutError e) {
            System.err.println("OpeningCapturesGuiTest: the file chooser stayed open after Open; choosing again");
        }
    }

    private static boolean listed(javax.swing.JList<?> list, Path file) {
        for (int i = 0; i < list.getModel().getSize(); i++) {
            if (file.toFile().equals(list.getModel().getElementAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static javax.swing.JMenu recentMenu() {
        return (javax.swing.JMenu) window.menuItem("recentMenu").target();
    }

    private static void waitUntilShowing(String title) {
        RealWindow.waitFor("window showing " + title,
                () -> !main.isLoading() && main.grid() != null && main.getTitle().equals("UffdVisualizer — " + title));
        window.robot().waitForIdle();
    }

    /** What the user sees of a freshly opened capture: title, status line at fault 0, the JVM in the tree. */
    private static void requireShowsCapture(String title, String jvmRow) {
        assertThat(GuiActionRunner.execute(() -> main.getTitle())).isEqualTo("UffdVisualizer — " + title);
        int faults = GuiActionRunner.execute(() -> main.grid().capture().trace().faultCount());
        assertThat(faults).isPositive();
        // The JVM is selected at open; the status line may leave out its middle to fit, the whole is its tooltip.
        assertThat(GuiActionRunner.execute(() -> main.view().statusBar().status()))
                .startsWith(String.format("fault 0 of %,d · loaded 0, zeroed 0 · 0 KB · ", faults)).endsWith("KB touched");
        assertThat(window.label("status").text()).startsWith(String.format("fault 0 of %,d · ", faults));
        JTree tree = real.tree().target();
        java.util.List<String> rows = GuiActionRunner.execute(() -> {
            java.util.List<String> r = new java.util.ArrayList<>();
            for (int i = 0; i < tree.getRowCount(); i++) {
                r.add(String.valueOf(tree.getPathForRow(i).getLastPathComponent()));
            }
            return r;
        });
        assertThat(rows).contains(jvmRow);
    }
}
