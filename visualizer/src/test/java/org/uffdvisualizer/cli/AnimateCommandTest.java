package org.uffdvisualizer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uffdvisualizer.render.TestCaptures;

/**
 * {@code animate} on sample-data/jvm17-default (60,380 faults): the GIF decodes with ImageIO,
 * has the frames asked for, loops, and its last frame's grid is {@code render --at end}'s picture
 * for the same options.
 */
class AnimateCommandTest {
    @TempDir
    Path tmp;

    private static List<BufferedImage> frames(Path gif, List<IIOMetadataNode> meta) throws Exception {
        List<BufferedImage> frames = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            for (int i = 0; i < n; i++) {
                frames.add(reader.read(i));
                meta.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
            }
            reader.dispose();
        }
        return frames;
    }

    @Test
    void lastFrameIsTheRenderOfTheEndAndTheAnimationLoops() throws Exception {
        Path gif = tmp.resolve("replay.gif");
        String dir = TestCaptures.jvm17Dir().toString();
        CliRun run = CliRun.of("animate", dir, "--faults-per-frame", "20000", "--fps", "5", "--out", gif.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 frames");
        Path png = tmp.resolve("end.png");
        CliRun render = CliRun.of("render", dir, "--at", "end", "--scale", "1", "--page-size", "65536", "--out", png.toString());
        assertThat(render.exitCode()).as(render.err()).isZero();

        List<IIOMetadataNode> meta = new ArrayList<>();
        List<BufferedImage> frames = frames(gif, meta);
        assertThat(frames).hasSize(3);     // 20,000, 40,000, 47,242 faults: the directory opens with its timed log
        BufferedImage end = ImageIO.read(png.toFile());
        BufferedImage last = frames.get(2);
        assertThat(last.getWidth()).isGreaterThanOrEqualTo(end.getWidth());
        assertThat(last.getHeight()).isGreaterThan(end.getHeight());      // the caption strip below
        int differing = 0;
        for (int y = 0; y < end.getHeight(); y++) {
            for (int x = 0; x < end.getWidth(); x++) {
                differing += (last.getRGB(x, y) & 0xffffff) == (end.getRGB(x, y) & 0xffffff) ? 0 : 1;
            }
        }
        assertThat(differing).isZero();
        // The first frame differs from the last: the replay moves.
        assertThat(frames.get(0).getRGB(0, 0, end.getWidth(), end.getHeight(), null, 0, end.getWidth()))
                .isNotEqualTo(last.getRGB(0, 0, end.getWidth(), end.getHeight(), null, 0, end.getWidth()));
        // Looping: the first frame carries the NETSCAPE2.0 extension with loop count 0; frames last 1/5 s.
        IIOMetadataNode apps = (IIOMetadataNode) meta.get(0).getElementsByTagName("ApplicationExtension").item(0);
        assertThat(apps.getAttribute("applicationID")).isEqualTo("NETSCAPE");
        assertThat((byte[]) apps.getUserObject()).containsExactly(1, 0, 0);
        IIOMetadataNode gce = (IIOMetadataNode) meta.get(1).getElementsByTagName("GraphicControlExtension").item(0);
        assertThat(gce.getAttribute("delayTime")).isEqualTo("20");
    }

    @Test
    void secondsAndFpsGiveTheFrameCountAndNothingIsLeftBehindOnError() throws Exception {
        Path gif = tmp.resolve("short.gif");
        CliRun run = CliRun.of("animate", TestCaptures.jvm17Dir().toString(), "--seconds", "2", "--fps", "4",
                "--overlay", "order", "--page-size", "2m", "--out", gif.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(frames(gif, new ArrayList<>())).hasSize(8);

        CliRun bad = CliRun.of("animate", TestCaptures.jvm17Dir().toString(), "--fps", "0", "--out",
                tmp.resolve("bad.gif").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--fps must be above 0");
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrder("short.gif");
        }
    }
}
