package io.pxrcad.phantom;

import io.pxrcad.AtomicFiles;
import io.pxrcad.Radiograph;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a phantom as a 16-bit grayscale PNG, atomically. Package-private stand-in until a
 * shared {@code io.pxrcad.image.PngWriter} exists; values are clamped to [0, 65535].
 */
final class Png16 {
    private Png16() {}

    static void write(Path file, Radiograph image) throws IOException {
        int w = image.width(), h = image.height();
        BufferedImage bi = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) bi.getRaster().getDataBuffer()).getData();
        float[] px = image.pixelsUnsafe();
        for (int i = 0; i < px.length; i++) {
            data[i] = (short) Math.max(0, Math.min(65535, Math.round(px[i])));
        }
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(bi, "png", out)) throw new IOException("no PNG writer for 16-bit grayscale in this JDK");
        });
    }
}
