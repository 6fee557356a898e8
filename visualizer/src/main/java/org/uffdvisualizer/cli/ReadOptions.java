package org.uffdvisualizer.cli;

import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.parse.CaptureLoader;
import picocli.CommandLine.Option;

/**
 * How a capture's lines are read: the memory layout and whether a line that cannot be used stops
 * the command. Every command that reads captures mixes it in.
 */
final class ReadOptions {

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "x86_64", converter = WordConverter.LayoutConverter.class,
            description = "How memory-file offsets map to guest-physical addresses: identity, x86_64 or aarch64"
                    + " (default: ${DEFAULT-VALUE}; region lines in the log take precedence).")
    MemoryLayout layout;

    @Option(names = "--strict", description = "Stop at the first line that cannot be used (exit code 1).")
    boolean strict;

    /** The loader's options; {@code nmtPid} -1 when the command has no {@code --nmt-pid}. */
    CaptureLoader.Options loaderOptions(int nmtPid) {
        return new CaptureLoader.Options(strict, layout, nmtPid);
    }
}
