package org.uffdvisualizer.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uffdvisualizer.model.Capture;

/**
 * What a capture is, in one line, for the label above its grid in a comparison: the directory it
 * came from, the JDK its JVM ran from (the directory of the executable the mapping dump names,
 * {@code java-17-openjdk-amd64}), and the JVM flags where the capture records them (the JVM's
 * command line in the directory's {@code proc-facts.txt}; NMT's own flag and class paths left
 * out, file names shortened). Reads a small file: call it off the Event Dispatch Thread.
 */
public final class CaptureLabel {
    private static final String FACTS = "proc-facts.txt";

    private CaptureLabel() {
    }

    /**
     * @param name      what the capture is called (its directory's name)
     * @param directory the capture's directory, or the directory of its mapping dump, where
     *                  {@code proc-facts.txt} may be
     */
    public static String of(String name, Path directory, Capture capture) {
        StringBuilder b = new StringBuilder(name);
        int jvm = FirstSight.section(capture);
        if (jvm < 0) {
            return b.toString();
        }
        String exe = capture.mappings().sectionExe(jvm);
        String jdk = jdkOf(exe);
        if (!jdk.isEmpty()) {
            b.append(" · ").append(jdk);
        }
        List<String> flags = flags(directory.resolve(FACTS), capture.mappings().sectionPid(jvm));
        if (!flags.isEmpty()) {
            b.append(" · ").append(String.join(" ", flags));
        }
        return b.toString();
    }

    /** The JDK directory of {@code .../JDK/bin/java}; empty if the path does not look like one. */
    static String jdkOf(String exe) {
        String[] parts = exe.split("/");
        int n = parts.length;
        return n >= 3 && parts[n - 2].equals("bin") ? parts[n - 3] : "";
    }

    /** The flags of process {@code pid}'s command line in {@code facts}; none if the file is absent or silent. */
    static List<String> flags(Path facts, int pid) {
        List<String> flags = new ArrayList<>();
        if (!Files.isRegularFile(facts)) {
            return flags;
        }
        try {
            List<String> lines = Files.readAllLines(facts, StandardCharsets.UTF_8);
            int at = lines.indexOf("=== /proc/" + pid + "/cmdline");
            if (at < 0 || at + 1 >= lines.size()) {
                return flags;
            }
            for (String arg : lines.get(at + 1).trim().split("\\s+")) {
                if ((arg.startsWith("-XX:") || arg.startsWith("-Xshare") || arg.startsWith("-Xm"))
                        && !arg.startsWith("-XX:NativeMemoryTracking")) {
                    flags.add(shortenPath(arg));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The label is a convenience: an unreadable facts file leaves the flags out.
        }
        return flags;
    }

    /** {@code -XX:SharedArchiveFile=/tmp/x/app.jsa} as {@code -XX:SharedArchiveFile=app.jsa}. */
    private static String shortenPath(String arg) {
        int eq = arg.indexOf('=');
        int slash = arg.lastIndexOf('/');
        return eq >= 0 && slash > eq ? arg.substring(0, eq + 1) + arg.substring(slash + 1) : arg;
    }
}
