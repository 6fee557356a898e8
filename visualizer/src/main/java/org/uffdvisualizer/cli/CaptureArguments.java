package org.uffdvisualizer.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFileKind;
import org.uffdvisualizer.parse.CaptureFiles;

/**
 * The captures of a command that takes several, one argument each: a capture directory (its
 * files recognised by content, as for every command), a uffd log inside a capture directory (that
 * directory restored by that log: how the capture lab's restores of one snapshot are told apart),
 * or a file set {@code FILE,FILE,...} (a mapping dump, at most one uffd log, NMT files).
 */
final class CaptureArguments {

    private CaptureArguments() {
    }

    /**
     * @throws CaptureException naming the argument when it is none of these
     */
    static CaptureFiles files(String argument) throws CaptureException {
        if (argument.contains(",")) {
            List<Path> set = new ArrayList<>();
            for (String part : argument.split(",")) {
                Path p = Path.of(part.trim());
                if (!Files.isRegularFile(p)) {
                    throw new CaptureException(p + ": no such file (in the file set '" + argument + "')");
                }
                set.add(p);
            }
            return CaptureFiles.recognise(set, "the file set '" + argument + "'", true);
        }
        Path p = Path.of(argument);
        if (Files.isDirectory(p)) {
            return CaptureFiles.inDirectory(p);
        }
        if (!Files.isRegularFile(p)) {
            throw new CaptureException(p + ": no such file or directory");
        }
        if (CaptureFileKind.of(p).isUffdLog()) {
            Path dir = p.toAbsolutePath().getParent();
            CaptureFiles inDir = CaptureFiles.inDirectory(dir);
            Path log = dir.resolve(p.getFileName());     // as the directory's listing names it
            return log.equals(inDir.uffd()) ? inDir : inDir.withUffd(log);
        }
        throw new CaptureException(p + ": neither a capture directory nor a uffd log inside one; give a directory,"
                + " a uffd log of a capture directory, or the files as MAPPINGS,UFFD,NMT");
    }
}
