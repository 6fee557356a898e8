package org.uffdvisualizer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.parse.CaptureException;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which capture to load and how: shared by every command that reads one. */
final class InputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "A capture directory: a mapping dump, uffd logs and NMT files, recognised by content (gzip or not).")
    Path directory;

    @Option(names = "--mappings", paramLabel = "FILE", description = "The physical mapping dump (mem_mapping.txt).")
    Path mappings;

    @Option(names = "--uffd", paramLabel = "FILE", description = "The uffd handler log of the restore.")
    Path uffd;

    @Option(names = "--nmt", paramLabel = "FILE", description = "NMT detail of a JVM (repeat for several JVMs).")
    List<Path> nmt = new ArrayList<>();

    @Option(names = "--nmt-pid", paramLabel = "PID",
            description = "The JVM's pid, for NMT files without jcmd's 'PID:' first line (default: the only java process).")
    int nmtPid = -1;

    @Mixin
    ReadOptions read;

    /** The files to read, from the directory or the options. */
    CaptureFiles files(CommandLine.Model.CommandSpec spec) throws CaptureException {
        if (directory != null && mappings != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "give either a capture directory or --mappings, not both");
        }
        if (directory != null) {
            CaptureFiles found = CaptureFiles.inDirectory(directory);
            List<Path> allNmt = new ArrayList<>(found.nmt());
            allNmt.addAll(nmt);
            return new CaptureFiles(found.mappings(), uffd != null ? uffd : found.uffd(), allNmt);
        }
        if (mappings == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing input: give a capture directory or --mappings FILE");
        }
        return new CaptureFiles(mappings, uffd, nmt);
    }

    CaptureLoader.Options loaderOptions() {
        return read.loaderOptions(nmtPid);
    }
}
