package io.pxrcad.image;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * PNG, JPEG and TIFF through ImageIO (TwelveMonkeys plugins for JPEG and TIFF). Grey images
 * keep their stored sample values and bit depth (8 or 16); colour and palette images become
 * luminance with the Rec. 601 weights {@code Y = 0.299 R + 0.587 G + 0.114 B} on the stored
 * samples (no gamma linearisation); alpha is ignored.
 */
final class ImageIoDecoder implements RadiographDecoder {
    private static final float[] REC601 = {0.299f, 0.587f, 0.114f};

    @Override
    public String name() { return "PNG/JPEG/TIFF"; }

    @Override
    public boolean accepts(Path file, byte[] head) { return format(head) != null && !isDicom(head); }

    /**
     * DICOM Part 10 ({@code DICM} at offset 128). Some DICOM files carry a TIFF header in their
     * preamble; they must go to the DICOM decoder, which applies rescale and VOI.
     */
    static boolean isDicom(byte[] h) {
        return h.length >= 132 && h[128] == 'D' && h[129] == 'I' && h[130] == 'C' && h[131] == 'M';
    }

    /** PNG, JPEG or TIFF from the magic bytes; null for anything else. */
    static String format(byte[] h) {
        if (h.length >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') return "PNG";
        if (h.length >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) return "JPEG";
        if (h.length >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0)
                || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) return "TIFF";
        return null;
    }

    @Override
    public int[] dimensions(Path file) throws IOException {
        return withReader(file, (reader, fmt) -> new int[] {reader.getWidth(0), reader.getHeight(0)});
    }

    @Override
    public Radiograph decode(Path file) throws IOException {
        return withReader(file, (reader, fmt) -> {
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((src, w) -> warnings.add(w));
            BufferedImage img = reader.read(0);
            for (String w : warnings) {
                String lw = w.toLowerCase(Locale.ROOT);
                // ImageIO only warns on a cut-off JPEG stream and returns grey filler for the rest
                if (lw.contains("premature") || lw.contains("truncat") || lw.contains("corrupt")) {
                    throw new InvalidImageException("truncated or corrupt " + fmt + " image " + file + ": " + w);
                }
            }
            return toRadiograph(img, fmt);
        });
    }

    private interface ReaderJob<T> {
        T run(ImageReader reader, String format) throws IOException;
    }

    private static <T> T withReader(Path file, ReaderJob<T> job) throws IOException {
        String fmt = format(ImageReaders.head(file));
        if (fmt == null) {
            throw new UnsupportedImageException("expected a PNG, JPEG or TIFF image but " + file + " is none of them");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new InvalidImageException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(fmt);
            if (!readers.hasNext()) {
                throw new UnsupportedImageException("no ImageIO reader for " + fmt + " (needed for " + file + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return job.run(reader, fmt);
            } catch (InvalidImageException | UnsupportedImageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // ImageIO signals corrupt data with IIOException, EOFException or runtime exceptions
                throw new InvalidImageException("truncated or corrupt " + fmt + " image " + file + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            } finally {
                reader.dispose();
            }
        }
    }

    static Radiograph toRadiograph(BufferedImage img, String format) {
        int w = img.getWidth(), h = img.getHeight();
        Raster r = img.getRaster();
        ColorModel cm = img.getColorModel();
        float[] px = new float[w * h];
        if (cm instanceof IndexColorModel icm) {
            int[] idx = new int[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, idx);
                for (int x = 0; x < w; x++) {
                    int i = idx[x];
                    px[y * w + x] = REC601[0] * icm.getRed(i) + REC601[1] * icm.getGreen(i) + REC601[2] * icm.getBlue(i);
                }
            }
            return Radiograph.wrap(w, h, px, 8, format);
        }
        int colours = cm.getNumColorComponents();
        int bits = r.getSampleModel().getSampleSize(0);
        if (colours == 1) {
            float[] row = new float[w];
            for (int y = 0; y < h; y++) {
                r.getSamples(0, y, w, 1, 0, row);
                System.arraycopy(row, 0, px, y * w, w);
            }
        } else if (colours == 3) {
            float[] c = new float[w];
            for (int b = 0; b < 3; b++) {
                for (int y = 0; y < h; y++) {
                    r.getSamples(0, y, w, 1, b, c);
                    int o = y * w;
                    for (int x = 0; x < w; x++) px[o + x] += REC601[b] * c[x];
                }
            }
        } else {
            throw new UnsupportedImageException("expected a grey or RGB image but the " + format + " image has "
                    + colours + " colour components (" + cm.getColorSpace().getType() + ")");
        }
        return Radiograph.wrap(w, h, px, bits, format);
    }
}
