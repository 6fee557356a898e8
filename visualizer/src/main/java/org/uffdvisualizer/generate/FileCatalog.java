package org.uffdvisualizer.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files the generated processes map, with plausible sizes, and the programs that map them.
 * Each file gets its page-cache frames once, the first time a process needs it.
 */
final class FileCatalog {
    /** A program: its executable, the libraries it maps, how much memory it tends to use (relative). */
    record Program(String exe, double weight, List<String> libraries, boolean sharedSegment) {
    }

    static final String JDK17 = "/usr/lib/jvm/java-17-openjdk-amd64";
    static final String JDK25 = "/usr/lib/jvm/temurin-25-jdk-amd64";
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/";
    private static final List<String> LIBC = List.of(LIB + "libc.so.6", LIB + "ld-linux-x86-64.so.2");

    /** Sizes in KiB of the files processes map. */
    private static final Map<String, Integer> SIZE_KB = new LinkedHashMap<>();

    static {
        size(LIB + "libc.so.6", 1_928);
        size(LIB + "ld-linux-x86-64.so.2", 206);
        size(LIB + "libm.so.6", 907);
        size(LIB + "libstdc++.so.6.0.30", 2_190);
        size(LIB + "libgcc_s.so.1", 125);
        size(LIB + "libz.so.1.2.13", 121);
        size(LIB + "libssl.so.3", 688);
        size(LIB + "libcrypto.so.3", 4_617);
        size(LIB + "libpcre2-8.so.0.11.2", 613);
        size(LIB + "libxml2.so.2.9.14", 1_842);
        size(LIB + "libicuuc.so.72.1", 2_036);
        size(LIB + "libicudata.so.72.1", 30_840);
        size(LIB + "libexpat.so.1.8.10", 198);
        size(LIB + "libtinfo.so.6.4", 196);
        size(LIB + "libnode.so.108", 81_200);
        size("/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so", 4_196);
        size("/usr/lib/locale/C.utf8/LC_CTYPE", 339);
        size("/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", 197);
        size("/usr/lib/postgresql/15/bin/postgres", 9_104);
        size("/usr/bin/redis-server", 2_050);
        size("/usr/bin/python3.11", 6_832);
        size("/usr/bin/node", 18);
        size("/usr/sbin/nginx", 1_228);
        size("/usr/sbin/sshd", 912);
        size("/usr/bin/bash", 1_234);
        size("/usr/sbin/cron", 60);
        size("/usr/lib/systemd/systemd-journald", 162);
        for (String jdk : List.of(JDK17, JDK25)) {
            size(jdk + "/bin/java", 14);
            size(jdk + "/lib/libjli.so", 71);
            size(jdk + "/lib/server/libjvm.so", 22_500);
            size(jdk + "/lib/libjava.so", 202);
            size(jdk + "/lib/libjimage.so", 91);
            size(jdk + "/lib/libzip.so", 81);
            size(jdk + "/lib/libnio.so", 62);
            size(jdk + "/lib/libnet.so", 110);
            size(jdk + "/lib/libjsvml.so", 1_130);
            size(jdk + "/lib/modules", 133_000);
            size(jdk + "/lib/server/classes.jsa", 13_800);
        }
    }

    private static void size(String path, int kb) {
        SIZE_KB.put(path, kb);
    }

    /** The programs non-JVM processes run, in the order they are handed out. */
    static final List<Program> OTHERS = List.of(
            new Program("/usr/lib/postgresql/15/bin/postgres", 3.0,
                    List.of(LIB + "libxml2.so.2.9.14", LIB + "libicuuc.so.72.1", LIB + "libicudata.so.72.1",
                            LIB + "libssl.so.3", LIB + "libcrypto.so.3", LIB + "libz.so.1.2.13", LIB + "libm.so.6",
                            "/usr/lib/locale/C.utf8/LC_CTYPE"), true),
            new Program("/usr/bin/redis-server", 4.0, List.of(LIB + "libssl.so.3", LIB + "libcrypto.so.3",
                    LIB + "libm.so.6"), false),
            new Program("/usr/bin/python3.11", 2.0, List.of(LIB + "libm.so.6", LIB + "libz.so.1.2.13",
                    LIB + "libexpat.so.1.8.10",
                    "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", LIB + "libssl.so.3",
                    LIB + "libcrypto.so.3"), false),
            new Program("/usr/sbin/nginx", 0.5, List.of(LIB + "libpcre2-8.so.0.11.2", LIB + "libssl.so.3",
                    LIB + "libcrypto.so.3", LIB + "libz.so.1.2.13"), false),
            new Program("/usr/bin/node", 3.0, List.of(LIB + "libnode.so.108", LIB + "libstdc++.so.6.0.30",
                    LIB + "libgcc_s.so.1", LIB + "libm.so.6"), false),
            new Program("/usr/sbin/sshd", 0.1, List.of(LIB + "libcrypto.so.3", LIB + "libz.so.1.2.13"), false),
            new Program("/usr/bin/bash", 0.05, List.of(LIB + "libtinfo.so.6.4"), false),
            new Program("/usr/lib/postgresql/15/bin/postgres", 0.6,
                    List.of(LIB + "libxml2.so.2.9.14", LIB + "libicuuc.so.72.1", LIB + "libicudata.so.72.1",
                            LIB + "libssl.so.3", LIB + "libcrypto.so.3", LIB + "libz.so.1.2.13", LIB + "libm.so.6",
                            "/usr/lib/locale/C.utf8/LC_CTYPE"), true),
            new Program("/usr/lib/systemd/systemd-journald", 0.3,
                    List.of("/usr/lib/x86_64-linux-gnu/systemd/libsystemd-shared-252.so"), false),
            new Program("/usr/sbin/cron", 0.02, List.of(), false));

    /** The JVM program of a JDK home. */
    static Program jvm(String jdk) {
        return new Program(jdk + "/bin/java", 8.0, List.of(jdk + "/lib/libjli.so", LIB + "libz.so.1.2.13",
                jdk + "/lib/server/libjvm.so", LIB + "libstdc++.so.6.0.30", LIB + "libm.so.6", LIB + "libgcc_s.so.1",
                jdk + "/lib/libjimage.so", jdk + "/lib/libjava.so", jdk + "/lib/libzip.so", jdk + "/lib/libnio.so",
                jdk + "/lib/libnet.so", jdk + "/lib/libjsvml.so", jdk + "/lib/modules"), false);
    }

    static List<String> libc() {
        return LIBC;
    }

    private final Map<String, SharedFile> files = new LinkedHashMap<>();
    private final FrameAllocator frames;
    private final Rng rng;

    FileCatalog(FrameAllocator frames, Rng rng) {
        this.frames = frames;
        this.rng = rng;
    }

    /** The file, its page-cache frames assigned on first use. */
    SharedFile file(String path) {
        return files.computeIfAbsent(path, p -> {
            int pages = (SIZE_KB.getOrDefault(p, 64) + 3) / 4;
            double cached = p.endsWith("/modules") || p.contains("libicudata") || p.contains("libnode") ? 0.35 : 0.75;
            return new SharedFile(p, pages, cached, frames, rng);
        });
    }

    /** Pages of all files handed out so far that are cached. */
    long cachedPages() {
        long n = 0;
        for (SharedFile f : files.values()) {
            for (int fr : f.frames) {
                if (fr >= 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
