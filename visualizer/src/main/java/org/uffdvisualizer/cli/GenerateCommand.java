package org.uffdvisualizer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.uffdvisualizer.generate.CaptureGenerator;
import org.uffdvisualizer.generate.GeneratorOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code generate}: writes a large synthetic capture for benchmarks and tests. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Write a synthetic capture (mem_mapping.txt, uffd.log, nmt-PID.txt per JVM) of a guest of any"
                + " size, in the exact capture formats. The same options and seed give the same bytes."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--guest", paramLabel = "SIZE", defaultValue = "4G", converter = ByteSizeConverter.class,
            description = "Guest RAM: " + GeneratorOptions.GUEST_RANGE + " (bytes, or with suffix M, G, T; default ${DEFAULT-VALUE}).")
    long guest;

    @Option(names = "--processes", defaultValue = "16", description = "User processes (default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = "--jvms", defaultValue = "4", description = "How many of them are JVMs (default ${DEFAULT-VALUE}).")
    int jvms;

    @Option(names = "--faults", defaultValue = "200000", description = "Faults in the uffd log (default ${DEFAULT-VALUE}).")
    int faults;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resident", defaultValue = "0.75",
            description = "Fraction of RAM frames owned by somebody in the dump (default ${DEFAULT-VALUE}).")
    double resident;

    @Option(names = "--gzip", description = "Compress the files (.gz).")
    boolean gzip;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        GeneratorOptions options;
        try {
            options = new GeneratorOptions(guest, processes, jvms, faults, seed, resident,
                    gzip);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long t0 = System.nanoTime();
        CaptureGenerator.Result r = new CaptureGenerator(options).generate(out);
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf("Wrote %s (%,d p lines, %d processes), %s and %d NMT file(s) in %.1f s%n", r.mappings(),
                r.pageLines(), r.processes(), r.uffd().getFileName(), r.nmt().size(), (System.nanoTime() - t0) / 1e9);
        pw.flush();
        return ExitCodes.OK;
    }
}
