package io.pxrcad.image;

import io.pxrcad.AtomicFiles;
import io.pxrcad.Radiograph;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a radiograph as a grayscale PNG (atomically). The pixel values are written as they
 * are, rounded and clipped to the PNG's range ({@code [0, 65535]} or {@code [0, 255]}); scale
 * them first if they are in other units.
 */
public final class PngWriter {
    private PngWriter() {}

    /** 16-bit grayscale PNG. */
    public static void write16(Path file, Radiograph image) throws IOException {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_USHORT_GRAY);
        short[] data = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        float[] px = image.pixelsUnsafe();
        for (int i = 0; i < px.length; i++) {
            data[i] = (short) clip(px[i], 65535);
        }
        write(file, img);
    }

    /** 8-bit grayscale PNG. */
    public static void write8(Path file, Radiograph image) throws IOException {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] px = image.pixelsUnsafe();
        for (int i = 0; i < px.length; i++) {
            data[i] = (byte) clip(px[i], 255);
        }
        write(file, img);
    }

    private static int clip(float v, int max) {
        if (!(v > 0)) return 0; // also NaN
        return v >= max ? max : Math.round(v);
    }

    private static void write(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no ImageIO PNG writer");
            }
        });
    }
}
