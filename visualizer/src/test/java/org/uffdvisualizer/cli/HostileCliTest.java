package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 items 10 to 13 on the command line: out of memory, a tiny gzip file, generate's sizes,
 * unusable --out targets and a render stopped while writing. Each ends with a clear message and
 * its exit code, never "internal error" or a trace, and never leaves a temporary behind.
 */
class HostileCliTest {
    @TempDir
    Path dir;

    private static Path sample() {
        return CliRun.sampleData().resolve("jvm17-default");
    }

    private static void assertClear(CliRun run, int code) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(code);
        assertThat(run.err()).doesNotContain("internal error").doesNotContain("\tat ").startsWith("error: ");
    }

    /** Runs the command line in a JVM of its own, with {@code heap} as -Xmx; returns its exit code and stderr. */
    private static CliRun inOwnJvm(String heap, String... args) throws Exception {
        Process p = new ProcessBuilder(ownJvm(heap, args)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new CliRun(p.exitValue(), "", err);
    }

    private static List<String> ownJvm(String heap, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    // ---- item 10

    @Test
    void aCaptureTooLargeForTheHeapIsExplainedWithItsOwnExitCode() throws Exception {
        CliRun run = inOwnJvm("24m", "summary", sample().toString());
        assertClear(run, ExitCodes.OUT_OF_MEMORY);
        assertThat(run.err()).contains("not enough memory for this capture (about ").contains("MB needed").contains("-Xmx");
    }

    @Test
    void anImageWiderThanAnyHeapIsExplained() throws Exception {
        CliRun run = CliRun.of("render", sample().toString(), "--width", "2147483647", "--scale", "1", "--out",
                dir.resolve("wide.png").toString());
        assertClear(run, ExitCodes.OUT_OF_MEMORY);
        assertThat(run.err()).contains("not enough memory for this image (about ").contains("-Xmx");
        CliRun twice = CliRun.of("render", sample().toString(), "--width", "2147483647", "--out",
                dir.resolve("wide.png").toString());
        assertClear(twice, ExitCodes.USAGE);
        assertThat(twice.err()).contains("more than one image can hold");
        assertThat(dir.resolve("wide.png")).doesNotExist();
    }

    // ---- item 11

    @Test
    void aThreeByteGzipFileSaysItIsCut() throws Exception {
        Path d = Files.createDirectory(dir.resolve("capture"));
        Files.write(d.resolve("mem_mapping.txt.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
        CliRun run = CliRun.of("summary", d.toString());
        assertClear(run, ExitCodes.USAGE);
        assertThat(run.err()).contains("truncated gzip").doesNotContain("null");
    }

    @Test
    void generateHelpAndItsErrorAgreeOnTheSizes() {
        String help = CliRun.of("generate", "--help").out();
        CliRun tooBig = CliRun.of("generate", "--guest", "2T", "--out", dir.toString());
        assertThat(tooBig.exitCode()).isEqualTo(ExitCodes.USAGE);
        String range = tooBig.err().replaceAll("(?s).*guest RAM must be ([^,]+), not.*", "$1");
        assertThat(range).isNotBlank().isNotEqualTo(tooBig.err());
        assertThat(help).contains("Guest RAM: " + range + " ");
        assertThat(CliRun.of("generate", "--guest", "lots", "--out", dir.toString()).err()).contains("expected a size in bytes", "not 'lots'");
    }

    // ---- item 12

    @Test
    void anOutThatCannotBeWrittenIsAClearUsageError() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        for (String out : new String[] {sub.toString(), dir.resolve("missing/x.png").toString(), ""}) {
            CliRun run = CliRun.of("render", sample().toString(), "--out", out);
            assertClear(run, ExitCodes.USAGE);
        }
        Path fifo = dir.resolve("fifo.png");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CliRun run = CliRun.of("render", sample().toString(), "--out", fifo.toString());
        assertClear(run, ExitCodes.USAGE);
        assertThat(run.err()).contains("not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(Files.exists(fifo)).isTrue();
    }

    @Test
    void anUnwritableDirectoryIsAClearUsageError() throws Exception {
        assumeThat(System.getProperty("user.name")).as("root writes anywhere").isNotEqualTo("root");
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        CliRun run = CliRun.of("render", sample().toString(), "--out", locked.resolve("x.png").toString());
        assertClear(run, ExitCodes.USAGE);
        assertThat(run.err()).contains("permission denied");
    }

    // ---- item 13

    @Test
    void aStaleTemporaryOfADeadRenderIsRemovedAndALiveOnesIsKept() throws Exception {
        Path out = dir.resolve("grid.png");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path stale = dir.resolve(".grid.png." + dead.pid() + ".tmp");
        Path alive = dir.resolve(".grid.png." + ProcessHandle.current().parent().orElseThrow().pid() + ".tmp");
        Files.writeString(stale, "half a png");
        Files.writeString(alive, "another render's");
        CliRun run = CliRun.of("render", sample().toString(), "--out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(alive).exists();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("grid.png",
                    alive.getFileName().toString());
        }
    }

    @Test
    void aRenderStoppedWhileWritingLeavesNoTemporary() throws Exception {
        Path out = dir.resolve("big.png");
        List<String> cmd = ownJvm("1g", "render", sample().toString(), "--scale", "4", "--out", out.toString());
        for (int attempt = 0; attempt < 3; attempt++) {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            boolean seen = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!seen && p.isAlive() && System.nanoTime() < deadline) {
                seen = temporaries(dir).length > 0;
            }
            p.destroy();                                    // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(temporaries(dir)).isEmpty();
            if (seen) {
                return;
            }
        }
        throw new AssertionError("the render finished before its temporary file could be seen, three times");
    }

    private static File[] temporaries(Path dir) {
        File[] found = dir.toFile().listFiles((d, name) -> name.endsWith(".tmp"));
        return found == null ? new File[0] : found;
    }
}
