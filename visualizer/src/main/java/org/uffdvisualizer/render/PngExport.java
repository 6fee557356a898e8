package org.uffdvisualizer.render;

import java.awt.image.RenderedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes PNG files atomically ({@link AtomicWrite}). */
public final class PngExport {

    private PngExport() {
    }

    public static void write(RenderedImage image, Path target) throws IOException {
        AtomicWrite.write(target, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
