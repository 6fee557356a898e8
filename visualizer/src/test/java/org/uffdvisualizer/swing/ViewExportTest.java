package org.uffdvisualizer.swing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.cli.Main;
import org.uffdvisualizer.parse.CaptureFiles;
import org.uffdvisualizer.parse.CaptureLoader;
import org.uffdvisualizer.parse.LoadedCapture;
import org.uffdvisualizer.progress.ProgressListener;
import org.uffdvisualizer.render.GridOptions;
import org.uffdvisualizer.render.GridSnapshot;
import org.uffdvisualizer.render.PageGrid;
import org.uffdvisualizer.render.SelectionSpec;
import org.uffdvisualizer.render.TestCaptures;

/**
 * The window's PNG export is the {@code render} command's picture (same renderer, pixel for pixel)
 * with a caption strip below it that names the capture and the replay position.
 */
class ViewExportTest {
    private static final Path JVM25 = TestCaptures.sampleDir("jvm25-default");
    private static final int WIDTH = 512;
    private static final int AT = 20_000;

    private static CaptureFiles files;
    private static LoadedCapture loaded;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws Exception {
        files = CaptureFiles.inDirectory(JVM25);
        loaded = CaptureLoader.load(files, CaptureLoader.Options.defaults(), ProgressListener.NONE);
    }

    @Test
    void theExportIsTheRenderCommandsPictureWithACaptionBelowIt() throws Exception {
        CaptureSession session = Edt.call(() -> {
            CaptureSession s = new CaptureSession(CaptureSource.ofDirectory(JVM25, CaptureLoader.Options.defaults()),
                    loaded, new PageGrid(loaded.capture(), GridOptions.defaults().withWidth(WIDTH)), null);
            s.select(SelectionSpec.resolve(loaded.capture(), "0"));
            s.replay().seek(AT);
            return s;
        });
        Path exported = tmp.resolve("view.png");
        CompletableFuture<String> done = new CompletableFuture<>();
        Edt.call(() -> ViewExport.write(session, 2.6, null, exported, (out, error) -> done.complete(String.valueOf(error))));
        assertThat(done.get(60, TimeUnit.SECONDS)).isEqualTo("null");

        Path rendered = tmp.resolve("render.png");
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"render", "--mappings", files.mappings().toString(), "--uffd",
            files.uffd().toString(), "--nmt", files.nmt().get(0).toString(), "--select", "0", "--at", String.valueOf(AT),
            "--width", String.valueOf(WIDTH), "--scale", "3", "--legend", "--out", rendered.toString()},
                new PrintWriter(out), new PrintWriter(out));
        assertThat(code).as(out.toString()).isZero();

        BufferedImage view = ImageIO.read(exported.toFile());
        BufferedImage render = ImageIO.read(rendered.toFile());
        // The view's zoom of 2.6 px per cell is exported at 3; the picture above the caption is render's.
        assertThat(view.getWidth()).isEqualTo(render.getWidth());
        assertThat(view.getHeight()).isEqualTo(render.getHeight() + GridSnapshot.CAPTION_HEIGHT);
        for (int y = 0; y < render.getHeight(); y++) {
            for (int x = 0; x < render.getWidth(); x++) {
                if (view.getRGB(x, y) != render.getRGB(x, y)) {
                    throw new AssertionError("pixel (" + x + ", " + y + ") differs from render's");
                }
            }
        }
        // The caption strip: white (light palette) with dark text in its left part, nothing past the text.
        int top = render.getHeight();
        int ink = 0;
        for (int y = top; y < view.getHeight(); y++) {
            assertThat(view.getRGB(view.getWidth() - 1, y) & 0xffffff).isEqualTo(0xffffff);
            for (int x = 0; x < 300; x++) {
                int rgb = view.getRGB(x, y) & 0xffffff;
                ink += (rgb >> 16 & 0xff) < 96 ? 1 : 0;
            }
        }
        assertThat(ink).as("dark pixels of the caption's text").isGreaterThan(200);
        assertThat(Edt.call(() -> GridSnapshot.caption(session.title(), session.grid())))
                .isEqualTo(String.format("jvm25-default (composed restore order) · fault 20,000 of %,d", loaded.capture().trace().faultCount()));
    }

    @Test
    void aLargeGridIsExportedAtAScaleThatFits() {
        PageGrid grid = new PageGrid(loaded.capture(), 0);
        assertThat(ViewExport.scaleFor(grid, 0.25)).isEqualTo(1);
        int s = ViewExport.scaleFor(grid, 64);
        assertThat((long) grid.width() * s * grid.rows() * s).isLessThanOrEqualTo(ViewExport.MAX_PIXELS);
        assertThat((long) grid.width() * (s + 1) * grid.rows() * (s + 1)).isGreaterThan(ViewExport.MAX_PIXELS);
    }
}
