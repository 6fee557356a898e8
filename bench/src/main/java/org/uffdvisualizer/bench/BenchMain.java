package org.uffdvisualizer.bench;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar uffdvisualizer-bench.jar}: parse speed and memory on generated 1, 16, 64 and
 * 256 GiB guests, each run in a fresh JVM. Not part of the product jar: users do not need it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Generate captures of 1, 16, 64 and 256 GiB guests (cached in --dir) and measure, each run in"
                + " a fresh JVM with the configuration's -Xmx: load and parse time, MB/s, the speed of a plain"
                + " line-counting loop on the same file, peak heap, heap per p line, peak RSS. Prints medians.",
            "With 16G and 64G also the comparison's figures: the owner-matched diff of two 16 GiB captures, and two"
                + " 64 GiB captures shown side by side against one (time and heap).",
            "--startup measures the start of the window instead (java -jar UffdVisualizer.jar to its first frame).",
            "Also in this jar: org.uffdvisualizer.bench.FirstFrame (java start to the window's first frame),"
                + " org.uffdvisualizer.bench.WindowBenchmark (drawing and replay in a window) and the JMH benchmarks"
                + " (java -cp uffdvisualizer-bench.jar org.openjdk.jmh.Main)."})
public final class BenchMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "NAME",
            description = "Configurations to run: 1G, 16G, 64G, 256G (default: all).")
    List<String> sizes = new ArrayList<>();

    @Option(names = "--runs", defaultValue = "5", description = "Runs per configuration (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", defaultValue = "/tmp/uffdvisualizer-bench", paramLabel = "DIR",
            description = "Where generated captures are kept between runs (default ${DEFAULT-VALUE}); about 3 GB for all.")
    Path dir;

    @Option(names = "--compare-runs", defaultValue = "3", paramLabel = "N",
            description = "Runs of the comparison figures (16G: diff of two captures; 64G: two shown against one);"
                    + " 0 leaves them out (default ${DEFAULT-VALUE}).")
    int compareRuns;

    @Option(names = "--java", paramLabel = "PATH", description = "The java launcher for the child JVMs (default: this JVM's).")
    String java;

    @Option(names = "--walker", paramLabel = "PATH",
            description = "Also run guest-tools/bin/bench-walker at PATH on a JVM it starts (needs root and"
                    + " make -C guest-tools) and print the page walker's speed-up over the pread walker.")
    Path walker;

    @Option(names = "--startup", description = "Measure the start instead: java -jar UffdVisualizer.jar to the first frame"
            + " of the bundled capture, against a minimal Swing program and with an AppCDS archive, --runs times each in"
            + " turns, with where the time goes. Needs a display (xvfb-run).")
    boolean startup;

    @Option(names = "--jar", paramLabel = "JAR", description = "The product jar --startup starts"
            + " (default: visualizer/target/UffdVisualizer.jar of the checkout this jar was built in).")
    Path jar;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the benchmark command line with the given streams; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        String launcher = java != null ? java : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (startup) {
            return startup(launcher);
        }
        List<BenchConfig> chosen = new ArrayList<>();
        for (BenchConfig c : BenchConfig.standard()) {
            if (sizes.isEmpty() || sizes.contains(c.name())) {
                chosen.add(c);
            }
        }
        if (chosen.isEmpty() || runs < 1) {
            throw new ParameterException(spec.commandLine(), "--sizes must name some of 1G, 16G, 64G, 256G; --runs >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        BenchRunner runner = new BenchRunner(dir, runs, launcher, System.getProperty("java.class.path"), out);
        runner.print(runner.run(chosen));
        if (compareRuns > 0) {
            CompareBench compare = new CompareBench(runner, compareRuns, out);
            compare.print(compare.run(chosen));
        }
        if (walker != null) {
            WalkerFigures.print(walker, out);
        }
        return 0;
    }

    private int startup(String launcher) throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            throw new ParameterException(spec.commandLine(), "--startup opens windows: run it on a display"
                    + " (xvfb-run -a -s \"-screen 0 1600x1000x24\" java -jar uffdvisualizer-bench.jar --startup)");
        }
        Path benchJar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path product = jar != null ? jar
                : benchJar.toAbsolutePath().getParent().resolve("../../visualizer/target/UffdVisualizer.jar").normalize();
        if (!Files.isRegularFile(product) || runs < 1) {
            throw new ParameterException(spec.commandLine(), "no product jar " + product + " (give --jar); --runs >= 1");
        }
        new StartupBench(launcher, product, benchJar, dir.resolve("startup"), runs, spec.commandLine().getOut()).run();
        return 0;
    }
}
