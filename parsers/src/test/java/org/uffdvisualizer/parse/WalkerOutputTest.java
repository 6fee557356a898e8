package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.model.PageMappings;
import org.uffdvisualizer.model.SectionKind;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * The page walker from guest-tools, run on a live JVM (this test's own), produces what the Java
 * parser reads strictly, and what it says agrees with /proc/PID/maps and /proc/PID/pagemap.
 * Needs root (pagemap shows frame numbers only to root) and {@code make -C guest-tools}; CI has
 * both, elsewhere the test is skipped with the reason.
 */
class WalkerOutputTest {
    @TempDir
    static Path dir;

    private static Path walker;

    @BeforeAll
    static void findWalker() {
        walker = Path.of(System.getProperty("guestTools", "../guest-tools"), "bin", "virt2phys");
        boolean ci = System.getenv("CI") != null;
        if (ci) {
            assertThat(walker).as("CI builds guest-tools before the Java tests").isExecutable();
        }
        assumeTrue(Files.isExecutable(walker), "guest-tools not built: run make -C guest-tools");
        assumeTrue("root".equals(System.getProperty("user.name")), "the walker needs root to read frame numbers");
    }

    private static Path walk(String what) throws Exception {
        Path out = dir.resolve("walk-" + what + ".txt");
        Process p = new ProcessBuilder(walker.toString(), what).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("walker finished").isTrue();
        assertThat(p.exitValue()).isZero();
        return out;
    }

    @Test
    void walksThisJvmAndAgreesWithMapsAndPagemap() throws Exception {
        // A buffer whose pages we touch, so they are resident while the walker looks.
        ByteBuffer touched = ByteBuffer.allocateDirect(64 * 4096);
        for (int i = 0; i < touched.capacity(); i += 4096) {
            touched.put(i, (byte) 1);
        }
        long pid = ProcessHandle.current().pid();
        Set<String> mapsBefore = mapsRanges(pid);
        Path out = walk(Long.toString(pid));
        Set<String> mapsAfter = mapsRanges(pid);

        PageMappings m = MemMappingParser.parse(out, new Diagnostics(true), ProgressListener.NONE).mappings();
        assertThat(m.sectionCount()).isEqualTo(1);
        assertThat(m.sectionPid(0)).isEqualTo((int) pid);
        assertThat(m.sectionExe(0)).endsWith("/java");
        assertThat(m.mappingCount()).isGreaterThan(20);
        int known = 0;
        for (int i = 0; i < m.mappingCount(); i++) {
            String range = Long.toHexString(m.mappingStart(i)) + "-" + Long.toHexString(m.mappingEnd(i));
            if (mapsBefore.contains(range) || mapsAfter.contains(range)) {
                known++;
            }
            for (int e = m.mappingFirstEntry(i); e < m.mappingFirstEntry(i) + m.mappingEntryCount(i); e++) {
                assertThat(m.entryWord(e)).isBetween(m.mappingStart(i), m.mappingEnd(i) - 1);
                assertThat(m.entryWord(e) & 0xfff).isZero();
            }
        }
        // A running JVM maps and unmaps while it is walked; nearly all ranges must match.
        assertThat(known).isGreaterThanOrEqualTo(m.mappingCount() * 9 / 10);
        assertThat(m.entryCount()).isGreaterThan(1000);

        // Frames agree with a direct read of /proc/self/pagemap for pages that stay put.
        int agree = 0;
        int checked = 0;
        // pagemap must be read 8 bytes at a time: RandomAccessFile.readLong reads 4 and fails.
        try (FileChannel pagemap = FileChannel.open(Path.of("/proc/self/pagemap"))) {
            ByteBuffer entry = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
            for (int e = 0; e < m.entryCount() && checked < 200; e += Math.max(1, m.entryCount() / 200)) {
                long virt = m.entryWord(e);
                entry.clear();
                assertThat(pagemap.read(entry, (virt >>> 12) * 8)).isEqualTo(8);
                long word = entry.getLong(0);
                if (word < 0) {                              // bit 63: present
                    checked++;
                    if ((word & ((1L << 55) - 1)) == m.entryPfn(e)) {
                        agree++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(agree).isGreaterThanOrEqualTo(checked * 9 / 10);
        assertThat(touched.get(0)).isEqualTo((byte) 1);
    }

    @Test
    void walksKernelAndPageCache() throws Exception {
        PageMappings k = MemMappingParser.parse(walk("kernel"), new Diagnostics(true), ProgressListener.NONE).mappings();
        assertThat(k.sectionKind(0)).isEqualTo(SectionKind.KERNEL);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < k.mappingCount(); i++) {
            names.add(k.mappingName(i));
        }
        assertThat(names).contains("Kernel code", "Kernel data");
        assertThat(k.entryCount()).isPositive();

        PageMappings c = MemMappingParser.parse(walk("pagecache"), new Diagnostics(true), ProgressListener.NONE)
                .mappings();
        assertThat(c.sectionKind(0)).isEqualTo(SectionKind.PAGECACHE);
        assertThat(c.mappingName(0)).isEqualTo("/proc/kpageflags");
        assertThat(c.ramEndHint()).isGreaterThan(1L << 30);
        for (int e = 0; e < c.entryCount(); e++) {
            long kpf = c.entryWord(e);
            assertThat(kpf & (1L << 34)).as("MAPPEDTODISK").isNotZero();
            assertThat(kpf & (1L << 12)).as("not ANON").isZero();
        }
    }

    private static Set<String> mapsRanges(long pid) throws IOException {
        Set<String> ranges = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/maps"))) {
            String[] range = line.substring(0, line.indexOf(' ')).split("-");
            ranges.add(Long.toHexString(Long.parseUnsignedLong(range[0], 16)) + "-"
                    + Long.toHexString(Long.parseUnsignedLong(range[1], 16)));
        }
        return ranges;
    }
}
