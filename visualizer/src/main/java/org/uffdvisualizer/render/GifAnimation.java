package org.uffdvisualizer.render;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.IntConsumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * The replay as a looping animated GIF: frame {@code f} is {@link GridSnapshot} of the grid with
 * the faults up to the frame's position applied and a caption below, so the last frame's grid is
 * what {@code render --at end} draws. Written atomically ({@link AtomicWrite}).
 *
 * <p>GIF frames hold 256 colours. The table is the grid's class colours, black and white for the
 * caption, and the rest spread along the {@link OrderScale}; a colour outside it (anti-aliased
 * caption text, order colours between the table's) takes its nearest entry, looked up once per
 * distinct colour, so converting a frame is one hash probe per pixel.
 */
public final class GifAnimation {
    private final PageGrid grid;
    private final int scale;
    private final boolean legend;
    private final String name;
    private final int[] positions;
    private final int delayCentis;

    /**
     * @param positions the replay position (faults applied) of each frame, ascending
     * @param fps       frames per second (GIF delays are in hundredths of a second)
     */
    public GifAnimation(PageGrid grid, String name, int scale, boolean legend, int[] positions, double fps) {
        this.grid = grid;
        this.name = name;
        this.scale = scale;
        this.legend = legend;
        this.positions = positions.clone();
        this.delayCentis = Math.max(2, (int) Math.round(100 / fps));
    }

    /** Positions for {@code frames} frames from the first fault's to all faults applied, evenly spread. */
    public static int[] evenPositions(int faults, int frames) {
        int[] p = new int[frames];
        for (int f = 0; f < frames; f++) {
            p[f] = frames == 1 ? faults : (int) Math.round((double) faults * (f + 1) / frames);
        }
        return p;
    }

    /** Writes the animation; {@code progress} hears each frame written (its index). */
    public void write(Path target, IntConsumer progress) throws IOException {
        ExportTarget.open(target).write(tmp -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
            if (!writers.hasNext()) {
                throw new IOException("no GIF writer available");
            }
            ImageWriter writer = writers.next();
            ColourTable table = new ColourTable(grid);
            try (ImageOutputStream out = ImageIO.createImageOutputStream(tmp.toFile())) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int f = 0; f < positions.length; f++) {
                    grid.setCursor(positions[f]);
                    BufferedImage rgb = GridSnapshot.of(grid, new GridSnapshot.Options(scale, legend,
                            GridSnapshot.caption(name, grid)));
                    BufferedImage indexed = table.convert(rgb);
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(indexed), param);
                    frameMetadata(meta, f == 0);
                    writer.writeToSequence(new IIOImage(indexed, null, meta), param);
                    progress.accept(f);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    /** Delay and disposal of a frame, and on the first the NETSCAPE2.0 extension that makes viewers loop forever. */
    private void frameMetadata(IIOMetadata meta, boolean first) throws IOException {
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode gce = child(root, "GraphicControlExtension");
        gce.setAttribute("disposalMethod", "none");
        gce.setAttribute("userInputFlag", "FALSE");
        gce.setAttribute("transparentColorFlag", "FALSE");
        gce.setAttribute("delayTime", Integer.toString(delayCentis));
        gce.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0});     // sub-block 1: loop count 0 = forever
            apps.appendChild(app);
        }
        meta.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    /** The 256-colour table and the memo from RGB to its index. */
    private static final class ColourTable {
        private final int[] rgb = new int[256];
        private final IndexColorModel model;
        /** Open addressing: keys are RGB + 1 (0 is empty), values the table index. */
        private int[] keys = new int[4096];
        private byte[] values = new byte[4096];
        private int size;

        ColourTable(PageGrid grid) {
            int n = 0;
            int[] fixed = new int[PageClass.COUNT * 2 + 2];
            int k = 0;
            for (int c = 0; c < PageClass.COUNT; c++) {
                fixed[k++] = grid.classRgb(c);
                fixed[k++] = grid.nmtCategories().classRgb(grid.palette(), c);
            }
            fixed[k++] = 0x000000;
            fixed[k++] = 0xffffff;
            for (int c : fixed) {
                if (n < 128 && indexOf(rgb, n, c) < 0) {
                    rgb[n++] = c;
                }
            }
            int rest = rgb.length - n;
            for (int i = 0; i < rest; i++) {
                rgb[n + i] = OrderScale.rgb(rest == 1 ? 0 : (double) i / (rest - 1));
            }
            byte[] r = new byte[256];
            byte[] g = new byte[256];
            byte[] b = new byte[256];
            for (int i = 0; i < 256; i++) {
                r[i] = (byte) (rgb[i] >> 16);
                g[i] = (byte) (rgb[i] >> 8);
                b[i] = (byte) rgb[i];
            }
            model = new IndexColorModel(8, 256, r, g, b);
        }

        private static int indexOf(int[] table, int n, int c) {
            for (int i = 0; i < n; i++) {
                if (table[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        BufferedImage convert(BufferedImage src) {
            int w = src.getWidth();
            int h = src.getHeight();
            int[] pixels = src.getRGB(0, 0, w, h, null, 0, w);
            byte[] out = new byte[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                out[i] = index(pixels[i] & 0xffffff);
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, model);
            img.getRaster().setDataElements(0, 0, w, h, out);
            return img;
        }

        private byte index(int colour) {
            int mask = keys.length - 1;
            int slot = (colour * 0x9E3779B1 >>> 16) & mask;
            while (keys[slot] != 0) {
                if (keys[slot] == colour + 1) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            byte v = (byte) nearest(colour);
            keys[slot] = colour + 1;
            values[slot] = v;
            if (++size * 2 > keys.length) {
                grow();
            }
            return v;
        }

        private int nearest(int colour) {
            int best = 0;
            long bestD = Long.MAX_VALUE;
            for (int i = 0; i < rgb.length; i++) {
                long dr = ((colour >> 16) & 0xff) - ((rgb[i] >> 16) & 0xff);
                long dg = ((colour >> 8) & 0xff) - ((rgb[i] >> 8) & 0xff);
                long db = (colour & 0xff) - (rgb[i] & 0xff);
                long d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
                if (d < bestD) {
                    bestD = d;
                    best = i;
                }
            }
            return best;
        }

        private void grow() {
            int[] oldKeys = keys;
            byte[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new byte[oldKeys.length * 2];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != 0) {
                    int slot = ((oldKeys[i] - 1) * 0x9E3779B1 >>> 16) & mask;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }
    }
}
