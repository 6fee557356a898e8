package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the plain start ({@code java -jar UffdVisualizer.jar}, the bundled capture) does before its
 * first frame, in a fresh JVM as users start it, measured the way {@code bench --startup} does
 * ({@code -Duffdvisualizer.firstFrame=exit}): it reaches the first frame through every phase of the
 * start, and loads none of the classes the first frame does without (the timeline's JFreeChart,
 * Swing's HTML kit, the diagnostics table, the command line's picocli). A feature added to the window keeps its classes off
 * this path by making its parts when they are first needed; add its packages to {@link #NOT_BEFORE}.
 */
@Tag("gui")
class StartupClassesGuiTest {
    /** Class name prefixes that must not load before the first frame. */
    private static final List<String> NOT_BEFORE = List.of("org.jfree.",
            "javax.swing.text.html.",  // Swing's HTML kit: FlatLaf's link colour rule is left out (Theme)
            "com.formdev.flatlaf.ui.FlatTableUI", "org.uffdvisualizer.swing.ComparisonTableModel",
            "org.uffdvisualizer.render.ComparisonCharts",
            "org.uffdvisualizer.render.ColourDistance",   // the derived NMT colours, for categories not in the table
            "org.uffdvisualizer.prefetch.", "org.uffdvisualizer.swing.Prefetch", "org.uffdvisualizer.render.Prefetch",
            "picocli.",                 // no command line to parse
            "jdk.nio.zipfs.");          // the bundled capture is listed through the class path's jar

    @Test
    void thePlainStartReachesItsFirstFrameWithoutTheClassesItDoesNotShow() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xlog:class+load", "-D" + StartupTrace.PROPERTY + "=exit",
                "-cp", System.getProperty("java.class.path"), "org.uffdvisualizer.cli.Main")
                .redirectErrorStream(true).start();
        // Read on another thread, so that a start that never reaches its first frame fails here instead of hanging.
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean ended = p.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("the JVM ended after its first frame").isTrue();
        String out = output.get();
        assertThat(p.exitValue()).as(out.lines().filter(l -> !l.contains("[class,load]")).toList().toString()).isZero();

        List<String> lines = out.lines().toList();
        int frame = -1;
        for (int i = 0; i < lines.size() && frame < 0; i++) {
            if (lines.get(i).startsWith("first frame ")) {
                frame = i;
            }
        }
        assertThat(frame).as("the first-frame line").isPositive();
        List<String> before = lines.subList(0, frame).stream().filter(l -> l.contains("[class,load]")).toList();
        assertThat(before).as("classes loaded before the first frame").hasSizeGreaterThan(1000);
        for (String prefix : NOT_BEFORE) {
            assertThat(before).as("loaded before the first frame").noneMatch(l -> l.contains("] " + prefix));
        }
        List<String> phases = lines.stream().filter(l -> l.startsWith("startup ")).map(l -> l.split(" ")[1]).toList();
        assertThat(phases).contains("main", "command-line", "capture-extracted", "look-and-feel", "capture-parsed",
                "window-built", "window-shown", "grid-built", "tree-and-timeline-built", "session-shown");
        // The CPU by group of threads, read from Linux's scheduler statistics: the window's thread did the most.
        Map<String, Long> cpu = lines.stream().filter(l -> l.startsWith("cpu "))
                .collect(Collectors.toMap(l -> l.split(" ")[1], l -> Long.parseLong(l.split(" ")[2])));
        assertThat(cpu).containsKeys("event-dispatch", "main", "jit-c1", "jit-c2", "gc", "other");
        assertThat(cpu.get("event-dispatch")).isPositive().isGreaterThan(cpu.get("gc"));
    }
}
