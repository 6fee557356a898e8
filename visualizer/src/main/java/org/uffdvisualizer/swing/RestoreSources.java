package org.uffdvisualizer.swing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.prefetch.TraceSources;

/**
 * The other restores of a capture's snapshot, for File > Compare Restores of This Capture: the
 * restore traces of its directory ({@code uffd.log*}, {@code uffd-restore-N.log*}, as the capture
 * lab writes them; {@link TraceSources#restoresAmong}) other than the ones already shown.
 */
final class RestoreSources {

    private RestoreSources() {
    }

    /**
     * @param shown the captures already shown, the first one's directory is searched
     * @throws CaptureException if the directory cannot be read
     */
    static List<CaptureSource> othersOf(List<CaptureSource> shown) throws CaptureException {
        List<Path> logs = new ArrayList<>();
        for (CaptureSource s : shown) {
            Path log = s.resolve().uffd();
            if (log != null) {
                logs.add(log);
            }
        }
        CaptureSource first = shown.get(0);
        Path dir = first.directory() != null ? first.directory() : first.resolve().mappings().toAbsolutePath().getParent();
        CaptureFiles inDir = CaptureFiles.inDirectory(dir);
        List<CaptureSource> others = new ArrayList<>();
        for (Path log : TraceSources.restoresAmong(inDir)) {
            if (logs.stream().noneMatch(l -> same(l, log))) {
                others.add(CaptureSource.ofRestore(inDir.withUffd(log), first.options()));
            }
        }
        return others;
    }

    private static boolean same(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
