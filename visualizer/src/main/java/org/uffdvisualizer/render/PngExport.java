package org.uffdvisualizer.render;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes PNG files atomically: to a temporary file beside the target, then renamed over it (see
 * {@link ExportTarget} for what targets are refused and how temporaries are named and cleaned).
 */
public final class PngExport {

    private PngExport() {
    }

    public static void write(RenderedImage image, Path target) throws IOException {
        ExportTarget.open(target).write(tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
