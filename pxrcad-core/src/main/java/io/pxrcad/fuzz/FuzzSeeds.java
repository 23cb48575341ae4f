package io.pxrcad.fuzz;

import io.pxrcad.Radiograph;
import io.pxrcad.dicom.DicomWriter;
import io.pxrcad.image.PngWriter;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Small real files written by ImageIO (and pxrcad's {@link DicomWriter}), the starting points
 * of {@link ImageFuzzer}: PNG 8- and 16-bit grey, RGB, palette and interlaced; JPEG grey, RGB
 * and progressive; TIFF 8- and 16-bit grey, RGB and palette, uncompressed and compressed, and a
 * two-page TIFF; DICOM 8- and 16-bit. The pixels are a seeded gradient with noise, so the same
 * call gives the same bytes.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    static List<byte[]> of(ImageFuzzer.Format format) {
        return switch (format) {
            case PNG -> png();
            case JPEG -> jpeg();
            case TIFF -> tiff();
            case DICOM -> dicom();
        };
    }

    public static List<byte[]> png() {
        List<byte[]> out = new ArrayList<>();
        out.add(write("png", grey(48, 40, BufferedImage.TYPE_BYTE_GRAY, 1), null, false));
        out.add(write("png", grey(40, 33, BufferedImage.TYPE_USHORT_GRAY, 2), null, false));
        out.add(write("png", rgb(37, 29, 3), null, false));
        out.add(write("png", palette(32, 24, 4), null, false));
        out.add(write("png", grey(31, 27, BufferedImage.TYPE_BYTE_GRAY, 5), null, true)); // Adam7
        return out;
    }

    public static List<byte[]> jpeg() {
        List<byte[]> out = new ArrayList<>();
        out.add(write("jpeg", grey(48, 40, BufferedImage.TYPE_BYTE_GRAY, 6), null, false));
        out.add(write("jpeg", rgb(37, 29, 7), null, false));
        out.add(write("jpeg", rgb(40, 32, 8), null, true)); // progressive
        return out;
    }

    public static List<byte[]> tiff() {
        List<byte[]> out = new ArrayList<>();
        out.add(write("tiff", grey(48, 40, BufferedImage.TYPE_BYTE_GRAY, 9), null, false));
        out.add(write("tiff", grey(40, 33, BufferedImage.TYPE_USHORT_GRAY, 10), "LZW", false));
        out.add(write("tiff", rgb(37, 29, 11), "Deflate", false));
        out.add(write("tiff", palette(32, 24, 12), "PackBits", false));
        out.add(twoPages(grey(30, 20, BufferedImage.TYPE_BYTE_GRAY, 13), rgb(20, 30, 14)));
        return out;
    }

    public static List<byte[]> dicom() {
        DicomWriter.Identity id = new DicomWriter.Identity(null, "1.2.826.0.1.3680043.10.1", "1.2.826.0.1.3680043.10.2",
                "1.2.826.0.1.3680043.10.3");
        List<byte[]> out = new ArrayList<>();
        for (int bits : new int[] {8, 12, 16}) {
            Random rnd = new Random(bits);
            int w = 40 + bits, h = 32;
            float[] px = new float[w * h];
            for (int i = 0; i < px.length; i++) px[i] = ((i % w) * 7 + (i / w) * 3 + rnd.nextInt(9)) % (1 << bits);
            out.add(DicomWriter.encode(new Radiograph(w, h, px, bits, "SEED"), DicomWriter.Options.secondaryCapture(), id));
        }
        return out;
    }

    private static BufferedImage grey(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        int max = type == BufferedImage.TYPE_USHORT_GRAY ? 65535 : 255;
        fill(img.getRaster(), 0, max, seed);
        return img;
    }

    private static BufferedImage rgb(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int b = 0; b < 3; b++) fill(img.getRaster(), b, 255, seed + b);
        return img;
    }

    private static BufferedImage palette(int w, int h, long seed) {
        byte[] r = new byte[16], g = new byte[16], bl = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 17);
            g[i] = (byte) (255 - i * 13);
            bl[i] = (byte) (i * 5);
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(4, 16, r, g, bl));
        fill(img.getRaster(), 0, 15, seed);
        return img;
    }

    private static void fill(WritableRaster r, int band, int max, long seed) {
        Random rnd = new Random(seed);
        int w = r.getWidth(), h = r.getHeight();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long v = (long) max * (x + y) / (w + h) + rnd.nextInt(1 + max / 16);
                r.setSample(x, y, band, (int) Math.min(max, v));
            }
        }
    }

    /** Encodes with the first ImageIO writer for {@code format}; {@code compression} or progressive if asked. */
    private static byte[] write(String format, BufferedImage img, String compression, boolean progressive) {
        ImageWriter writer = writer(format);
        try {
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (compression != null && p.canWriteCompressed()) {
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionType(compression);
            }
            if (progressive && p.canWriteProgressive()) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] twoPages(BufferedImage first, BufferedImage second) {
        ImageWriter writer = writer("tiff");
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                writer.writeToSequence(new IIOImage(first, null, null), null);
                writer.writeToSequence(new IIOImage(second, null, null), null);
                writer.endWriteSequence();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
        if (!it.hasNext()) throw new IllegalStateException("no ImageIO writer for " + format);
        return it.next();
    }
}
