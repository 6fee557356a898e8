package org.uffdvisualizer.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.uffdvisualizer.model.NmtUsage;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.prefetch.TraceSources;

/**
 * What a capture says of itself, for labels and comparability: the directory's name, which run
 * of it this is, the main process's executable (the JVM with an NMT report, else the first
 * process), the JDK's major version read from that path, and the JVM's flags where the capture
 * states them: {@code proc-facts.txt}'s command line of its {@code workload_pid}, else the
 * capture lab's {@code lab-run.txt} mode.
 *
 * @param directory the capture directory's name (the mapping dump's, without one)
 * @param run       which of the directory's runs this is: "restore N" when the directory holds
 *                  several restore traces of one snapshot ({@code uffd.log*} is restore 1,
 *                  {@code uffd-restore-N.log*} restore N), else the uffd log's file name when it
 *                  is not the directory's default, else ""
 * @param jdk       e.g. "17", "" when the path does not tell
 * @param flags     the JVM's {@code -X} options except NMT's own, in command-line order
 */
public record RunFacts(String directory, String run, String executable, String jdk, List<String> flags) {
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
        String run = "";
        // Three restores of one snapshot share a directory: their logs tell them apart.
        int restore = restoreNumber(uffd, dir);
        if (restore > 0) {
            run = "restore " + restore;
        } else if (uffd != null && (!isDefaultLogName(uffd) || dir == null || !dir.equals(uffd.toAbsolutePath().getParent()))) {
            run = uffd.getFileName().toString();
        }
        String exe = mainExecutable(loaded);
        Matcher m = JDK.matcher(exe);
        String jdk = m.find() ? m.group(1) : "";
        return new RunFacts(name, run, exe, jdk, dir == null ? List.of() : flags(dir));
    }

    /**
     * The number of the restore {@code uffd} is, when it is one of several restore traces in the
     * capture directory {@code dir}, told apart by their names ({@link TraceSources#isRestore}),
     * however the files were given; 0 otherwise.
     */
    private static int restoreNumber(Path uffd, Path dir) {
        if (uffd == null || dir == null || !dir.equals(uffd.toAbsolutePath().getParent()) || !TraceSources.isRestore(uffd)) {
            return 0;
        }
        List<Path> restores;
        try (Stream<Path> files = Files.list(dir)) {
            restores = files.filter(TraceSources::isRestore).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;       // facts are a label's extra, never a reason to fail
        }
        int n = TraceSources.restoreNumber(uffd);
        long same = restores.stream().filter(r -> TraceSources.restoreNumber(r) == n).count();
        return restores.size() < 2 || same > 1 || n == Integer.MAX_VALUE ? 0 : n;
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

    /** "lab-jvm17-default · restore 2": the directory, then which of its runs. */
    public String name() {
        return run.isEmpty() ? directory : directory + " · " + run;
    }

    /**
     * "restore 2 · lab-jvm17-default": which run first, then the directory, for places too narrow
     * for the whole label that cut its end off (the window's headings, table columns, legends).
     */
    public String narrowName() {
        return run.isEmpty() ? directory : run + " · " + directory;
    }

    /** "jvm17-thp-appcds (JDK 17, -XX:+UseTransparentHugePages ...)": the name with what is known. */
    public String label() {
        return withDetails(name());
    }

    /** {@link #narrowName()} with what is known, as {@link #label()}. */
    public String narrowLabel() {
        return withDetails(narrowName());
    }

    private String withDetails(String name) {
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
