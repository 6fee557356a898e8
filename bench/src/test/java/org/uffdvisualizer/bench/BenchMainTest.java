package org.uffdvisualizer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.uffdvisualizer.model.Capture;

/** The bench jar's command line and the synthetic guest its window figures use. */
class BenchMainTest {

    @Test
    void anUnknownConfigurationIsAUsageError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchMain.run(new String[] {"--sizes", "3G"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--sizes must name some of 1G, 16G, 64G, 256G").doesNotContain("Exception");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theStartupMeasurementWithoutADisplaySaysWhereToRunIt() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "needs a JVM without a display");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BenchMain.run(new String[] {"--startup"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--startup opens windows", "xvfb-run").doesNotContain("Exception");
    }

    @Test
    void theSyntheticGuestHasTheSizeAsked() {
        Capture c = SyntheticCapture.of(1 << 20, 8192, 3000, 7);
        assertThat(c.physical().frameCount()).isEqualTo(1 << 20);
        // The process's pages plus the kernel image (frames 0x1000-0x19ff).
        assertThat(c.mappings().pageCount()).isEqualTo(8192 + 0xa00);
        assertThat(c.trace().faultCount()).isEqualTo(3000);
    }
}
