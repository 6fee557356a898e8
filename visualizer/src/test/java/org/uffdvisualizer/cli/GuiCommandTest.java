package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.render.TestCaptures;

/** Without a display, {@code gui} and the original invocations say so and print the summary. */
class GuiCommandTest {

    @BeforeEach
    void headlessOnly() {
        Assumptions.assumeTrue(GraphicsEnvironment.isHeadless(), "with a display these open the window");
    }

    @Test
    void noArgumentSummarisesTheBundledCapture() throws Exception {
        CliRun run = CliRun.of();
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("No display available", "lab-jvm17-default (bundled sample)", "render --out");
        assertThat(run.out()).contains("Parsed " + TestCaptures.LAB_DEMAND_FAULTS + " UFFD events", "for Java process 146");
    }

    @Test
    void aCaptureDirectoryAloneOpensTheWindowOrSummarises() throws Exception {
        CliRun run = CliRun.of(TestCaptures.jvm17Dir().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("No display available");
        // Of the directory's two logs, the one with timestamps.
        long faults = TestCaptures.pagefaultLines(TestCaptures.jvm17Dir().resolve("uffd-extended.log.gz"));
        assertThat(run.out()).contains("Parsed " + faults + " UFFD events");
    }

    @Test
    void badOptionsAndMissingFilesAreUsageErrors() {
        assertThat(CliRun.of("gui", "--scale", "-1", TestCaptures.jvm17Dir().toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("gui", "--physical-memory", "lots", TestCaptures.jvm17Dir().toString()).exitCode())
                .isEqualTo(2);
        CliRun page = CliRun.of("gui", "--page-size", "6144", TestCaptures.jvm17Dir().toString());
        assertThat(page.exitCode()).isEqualTo(2);
        assertThat(page.err()).contains("--page-size", "power of two from 4096").doesNotContain("Exception");
        CliRun missing = CliRun.of("gui", "/nonexistent/capture");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file or directory").doesNotContain("Exception");
    }

    @Test
    void theOriginalPageSizePropertyIsCheckedLikeTheOption() {
        System.setProperty("uffdVisualizer.pageSize", "1000");
        try {
            CliRun run = CliRun.of(TestCaptures.jvm17Dir().toString());
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).contains("uffdVisualizer.pageSize", "not 1000");
        } finally {
            System.clearProperty("uffdVisualizer.pageSize");
        }
        System.setProperty("uffdVisualizer.pageSize", "2097152");
        try {
            assertThat(CliRun.of(TestCaptures.jvm17Dir().toString()).exitCode()).isZero();
        } finally {
            System.clearProperty("uffdVisualizer.pageSize");
        }
    }

    @Test
    void legacyArgumentsGoToTheWindow() {
        var cl = Main.commandLine();
        assertThat(Main.legacyToSubcommand(cl, new String[0])).containsExactly("gui");
        assertThat(Main.legacyToSubcommand(cl, new String[] {"m.txt", "u.log", "n.txt"}))
                .containsExactly("gui", "--mappings", "m.txt", "--uffd", "u.log", "--nmt", "n.txt");
        assertThat(Main.legacyToSubcommand(cl, new String[] {TestCaptures.jvm17Dir().toString()}))
                .containsExactly("gui", TestCaptures.jvm17Dir().toString());
        assertThat(Main.legacyToSubcommand(cl, new String[] {"summary", "x"})).containsExactly("summary", "x");
        // Several capture directories compare them, as gui A B does.
        String thp = TestCaptures.sampleDir("jvm17-thp-appcds").toString();
        assertThat(Main.legacyToSubcommand(cl, new String[] {TestCaptures.jvm17Dir().toString(), thp}))
                .containsExactly("gui", TestCaptures.jvm17Dir().toString(), thp);
    }

    @Test
    void comparedCapturesAreCheckedOnTheCommandLine() throws Exception {
        String thp = TestCaptures.sampleDir("jvm17-thp-appcds").toString();
        CliRun both = CliRun.of("gui", TestCaptures.jvm17Dir().toString(), thp);
        assertThat(both.exitCode()).isZero();
        assertThat(both.err()).contains("No display available", "jvm17-default", "'compare' compares captures");
        CliRun missing = CliRun.of("gui", TestCaptures.jvm17Dir().toString(), "/nonexistent/capture");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("/nonexistent/capture", "no such file or directory").doesNotContain("Exception");
    }

    @Test
    void capturesAreTakenAsCompareTakesThem() throws Exception {
        java.nio.file.Path lab = TestCaptures.sampleDir("lab-jvm17-default");
        String restore2 = lab.resolve("uffd-restore-2.log.gz").toString();
        String fileSet = TestCaptures.sampleDir("jvm17-thp-appcds").resolve("mem_mapping.txt.gz") + ","
                + TestCaptures.sampleDir("jvm17-thp-appcds").resolve("uffd.log.gz");
        // A uffd log inside a capture directory: that directory restored by that log.
        CliRun run = CliRun.of("gui", restore2, lab.resolve("uffd-restore-3.log.gz").toString(), fileSet);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("No display available", "lab-jvm17-default · uffd-restore-2.log.gz");
        // lab-run.txt: restore 2 has 10,548 demand faults (restore 1, the directory's uffd.log.gz, 10,699).
        assertThat(run.out()).contains("Parsed 10548 UFFD events");
        CliRun badSet = CliRun.of("gui", lab.toString(), lab.resolve("mem_mapping.txt.gz") + ",/nonexistent/u.log");
        assertThat(badSet.exitCode()).isEqualTo(2);
        assertThat(badSet.err()).contains("/nonexistent/u.log", "file set").doesNotContain("Exception");
        CliRun notALog = CliRun.of("gui", lab.resolve("nmt.txt.gz").toString());
        assertThat(notALog.exitCode()).isEqualTo(2);
        assertThat(notALog.err()).contains("nmt.txt.gz", "neither a capture directory nor a uffd log");
    }
}
