package org.uffdvisualizer.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.uffdvisualizer.model.MemoryLayout;
import org.uffdvisualizer.progress.ProgressListener;

/**
 * Property: any truncation of a valid real capture file loads without an exception, leniently;
 * the only failure allowed is a {@link CaptureException} saying the file holds nothing usable
 * (which can only happen when the cut leaves no complete record at all).
 */
class TruncationPropertyTest {
    /** A whole fault line of the handler log (its header lines come first). */
    private static final Pattern COMPLETE_FAULT = Pattern.compile("(?m)^UFFD_EVENT_PAGEFAULT [^\n]*\n");

    @TempDir
    Path dir;

    static Stream<Arguments> cuts() throws Exception {
        Path capture = capture();
        Stream.Builder<Arguments> cases = Stream.builder();
        for (String name : new String[] {"mem_mapping.txt.gz", "uffd.log.gz", "nmt.txt.gz"}) {
            byte[] text = gunzip(capture.resolve(name));
            Random rnd = new Random(name.hashCode());
            // The first bytes one by one (cuts inside the first records), then random cuts.
            for (int cut = 1; cut < 200; cut += 7) {
                cases.add(Arguments.of(name, cut));
            }
            for (int i = 0; i < 40; i++) {
                cases.add(Arguments.of(name, 1 + rnd.nextInt(text.length - 1)));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} cut at {1}")
    @MethodSource("cuts")
    void anyTruncationLoadsOrSaysWhy(String name, int cut) throws Exception {
        byte[] text = gunzip(capture().resolve(name));
        Path f = dir.resolve(name.replace(".gz", ""));
        Files.write(f, Arrays.copyOf(text, cut));
        Diagnostics d = new Diagnostics(false);
        Throwable thrown = catchThrowable(() -> {
            switch (name) {
                case "mem_mapping.txt.gz" -> MemMappingParser.parse(f, d, ProgressListener.NONE);
                case "uffd.log.gz" -> UffdLogParser.parse(f, MemoryLayout.X86_64, d, ProgressListener.NONE);
                default -> NmtParser.parse(f, -1, d, ProgressListener.NONE);
            }
        });
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(CaptureException.class).isNotInstanceOf(BadLineException.class);
            assertThat(thrown.getMessage()).startsWith(f.toString());
            // only a cut that keeps no complete record may fail
            String kept = new String(text, 0, cut, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(kept.contains("Virtual memory map:\n") && name.startsWith("nmt")
                    || kept.contains("\nv ") && name.startsWith("mem")
                    || COMPLETE_FAULT.matcher(kept).find() && name.startsWith("uffd")).isFalse();
        }
        // at most the cut line itself can be bad, and an NMT file cut inside its region list says so
        assertThat(d.count()).isLessThanOrEqualTo(name.startsWith("nmt") ? 2 : 1);
    }

    /** sample-data/jvm17-default: a real dump, NMT detail of JDK 17 and uffd handler log. */
    private static Path capture() {
        return TestFiles.sampleData().resolve("jvm17-default");
    }

    private static byte[] gunzip(Path gz) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
