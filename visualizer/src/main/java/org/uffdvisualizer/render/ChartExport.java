package org.uffdvisualizer.render;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/** Writes a JFreeChart chart as PNG or SVG, atomically through {@link ExportTarget}. No Swing. */
public final class ChartExport {

    private ChartExport() {
    }

    /** Writes {@code chart} as a PNG ({@code .png}) or SVG (any other name) of {@code width x height}. */
    public static void write(JFreeChart chart, Path target, int width, int height) throws IOException {
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            chart.draw(g, new Rectangle(0, 0, width, height));
            g.dispose();
            PngExport.write(img, target);
        } else {
            SVGGraphics2D g = new SVGGraphics2D(width, height);
            chart.draw(g, new Rectangle(0, 0, width, height));
            String svg = g.getSVGDocument();
            ExportTarget.open(target).write(tmp -> Files.writeString(tmp, svg, StandardCharsets.UTF_8));
        }
    }
}
