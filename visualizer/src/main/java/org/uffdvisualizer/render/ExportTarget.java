package org.uffdvisualizer.render;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where an export goes, checked before any work is done, and the temporary file it is written to
 * first: {@code .NAME.PID.tmp} beside the target, so that a later export of the same name can tell
 * its own stale temporaries (their process is gone) from another running export's, and remove
 * them. A shutdown hook removes the temporary when the process is stopped (SIGTERM, SIGINT)
 * while writing.
 */
public final class ExportTarget {
    private final Path target;
    private final Path temp;

    private ExportTarget(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Checks that {@code target} names a file that can be created or replaced.
     *
     * @throws ExportException with a message for the user if it is empty, a directory, an existing
     *                         file that is not a regular one (a device such as /dev/full, a FIFO),
     *                         or in a directory that does not exist or cannot be written
     */
    public static void check(Path target) throws ExportException {
        if (target.toString().isEmpty()) {
            throw new ExportException("the output file name is empty");
        }
        if (Files.isDirectory(target)) {
            throw new ExportException(target + ": is a directory; give a file name, e.g. " + target.resolve("grid.png"));
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new ExportException(target + ": exists and is not a regular file (a device, FIFO or socket);"
                    + " refusing to replace it");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ExportException(target + ": the directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new ExportException(target + ": cannot write into the directory " + dir + " (permission denied)");
        }
    }

    /**
     * Writes {@code target} through a temporary beside it that is renamed over it when complete,
     * for exports outside this package (the working-set file).
     */
    public static void writeAtomically(Path target, TempWriter write) throws IOException {
        open(target).write(write);
    }

    /** Checks {@code target}, removes stale temporaries of earlier exports to it, and names this one's. */
    static ExportTarget open(Path target) throws ExportException {
        check(target);
        Path dir = target.toAbsolutePath().getParent();
        String prefix = "." + target.getFileName() + ".";
        removeStale(dir, prefix);
        return new ExportTarget(target, dir.resolve(prefix + ProcessHandle.current().pid() + ".tmp"));
    }

    Path temp() {
        return temp;
    }

    Path target() {
        return target;
    }

    /** Temporaries {@code PREFIX<pid>.tmp} whose process no longer runs. */
    private static void removeStale(Path dir, String prefix) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob(prefix) + "*.tmp")) {
            for (Path f : s) {
                String name = f.getFileName().toString();
                String pid = name.substring(prefix.length(), name.length() - ".tmp".length());
                if (pid.matches("[0-9]{1,18}") && !isRunning(Long.parseLong(pid)) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cleaning up after others is a courtesy: the export itself does not depend on it.
        }
    }

    private static boolean isRunning(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        return p.isPresent() && p.get().isAlive();
    }

    /** {@code s} with the glob's special characters escaped. */
    private static String glob(String s) {
        return s.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }

    /**
     * Runs {@code write} on the temporary file with a shutdown hook that removes it, then renames it
     * over the target; the temporary never outlives this call.
     */
    void write(TempWriter write) throws IOException {
        Thread cleanup = new Thread(this::deleteTemp, "uffdvisualizer-export-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            write.to(temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            deleteTemp();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running or has run
            }
        }
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // nothing more to do: the next export to this name removes it
        }
    }

    /** Writes a whole file. */
    public interface TempWriter {
        void to(Path file) throws IOException;
    }

    /** The target cannot be written; the message is for the user and names it. */
    public static final class ExportException extends IOException {
        private static final long serialVersionUID = 1L;

        public ExportException(String message) {
            super(message);
        }
    }
}
