package org.uffdvisualizer.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.parse.LoadedCapture;

/**
 * What a capture says of itself, for labels and comparability: the directory's name (and the
 * uffd log's, when it is not the directory's default), the main process's executable (the JVM
 * with an NMT report, else the first process), the JDK's major version read from that path, and
 * the JVM's flags where the capture states them: {@code proc-facts.txt}'s command line of its
 * {@code workload_pid}, else the capture lab's {@code lab-run.txt} mode.
 *
 * @param jdk   e.g. "17", "" when the path does not tell
 * @param flags the JVM's {@code -X} options except NMT's own, in command-line order
 */
public record RunFacts(String name, String executable, String jdk, List<String> flags) {
    private static final Pattern JDK = Pattern.compile("(?:jdk|java|openjdk|temurin|zulu|corretto)[-_]?(\\d+)");
    private static final Pattern MODE = Pattern.compile("\\bmode=(\\S+)");

    public RunFacts {
        flags = List.copyOf(flags);
    }

    /** Reads the facts of a loaded capture; files that are missing or unreadable just leave facts empty. */
    public static RunFacts of(LoadedCapture loaded) {
        Path mappings = loaded.files().mappings();
        Path dir = mappings.toAbsolutePath().getParent();
        String name = dir != null && dir.getFileName() != null ? dir.getFileName().toString()
                : mappings.getFileName().toString();
        Path uffd = loaded.files().uffd();
        // Three restores of one snapshot share a directory: their logs tell them apart.
        if (uffd != null && (!isDefaultLogName(uffd) || dir == null || !dir.equals(uffd.toAbsolutePath().getParent()))) {
            name += " · " + uffd.getFileName();
        }
        String exe = mainExecutable(loaded);
        Matcher m = JDK.matcher(exe);
        String jdk = m.find() ? m.group(1) : "";
        return new RunFacts(name, exe, jdk, dir == null ? List.of() : flags(dir));
    }

    private static boolean isDefaultLogName(Path log) {
        String n = log.getFileName().toString();
        return n.equals("uffd.log") || n.equals("uffd.log.gz");
    }

    private static String mainExecutable(LoadedCapture loaded) {
        PageMappings m = loaded.capture().mappings();
        for (NmtUsage u : loaded.capture().nmt()) {
            if (u.section() >= 0) {
                return m.sectionExe(u.section());
            }
        }
        for (int s = 0; s < m.sectionCount(); s++) {
            if (m.sectionKind(s) == SectionKind.PROCESS) {
                return m.sectionExe(s);
            }
        }
        return "";
    }

    private static List<String> flags(Path dir) {
        List<String> facts = lines(dir.resolve("proc-facts.txt"));
        String pid = null;
        for (String line : facts) {
            if (line.startsWith("workload_pid:")) {
                pid = line.substring("workload_pid:".length()).trim();
            }
        }
        for (int i = 0; pid != null && i + 1 < facts.size(); i++) {
            if (facts.get(i).equals("=== /proc/" + pid + "/cmdline")) {
                List<String> flags = new ArrayList<>();
                for (String word : facts.get(i + 1).trim().split("\\s+")) {
                    if (word.startsWith("-X") && !word.startsWith("-XX:NativeMemoryTracking")) {
                        flags.add(word);
                    }
                }
                return flags;
            }
        }
        for (String line : lines(dir.resolve("lab-run.txt"))) {
            Matcher m = MODE.matcher(line);
            if (m.find()) {
                return List.of("mode=" + m.group(1));
            }
        }
        return List.of();
    }

    private static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();        // facts are a label's extra, never a reason to fail
        }
    }

    /** "jvm17-thp-appcds (JDK 17, -XX:+UseTransparentHugePages ...)": the name with what is known. */
    public String label() {
        List<String> parts = new ArrayList<>();
        if (!jdk.isEmpty()) {
            parts.add("JDK " + jdk);
        }
        for (String f : flags) {
            int eq = f.indexOf('=');
            int slash = f.lastIndexOf('/');
            parts.add(eq > 0 && slash > eq ? f.substring(0, eq + 1) + f.substring(slash + 1) : f);
        }
        return parts.isEmpty() ? name : name + " (" + String.join(", ", parts) + ")";
    }
}
