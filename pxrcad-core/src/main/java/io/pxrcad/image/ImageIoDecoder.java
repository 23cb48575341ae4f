package io.pxrcad.image;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * PNG, JPEG and TIFF through ImageIO (TwelveMonkeys plugins for JPEG and TIFF). Grey images
 * keep their stored sample values and bit depth (8 or 16); colour and palette images become
 * luminance with the Rec. 601 weights {@code Y = 0.299 R + 0.587 G + 0.114 B} on the stored
 * samples (no gamma linearisation); alpha is ignored.
 *
 * <p>Only image 0 is read (a multi-page TIFF's other pages are never touched), and only after
 * its header's size has passed {@link ImageLimits}: the memory a decode needs is then bounded
 * by a small multiple of that size (the plug-in's raster plus the float pixels). Files are read
 * through a {@link FileImageInputStream}, so ImageIO keeps no cache of the stream.
 */
public final class ImageIoDecoder implements RadiographDecoder {
    private static final float[] REC601 = {0.299f, 0.587f, 0.114f};
    /** Most samples per pixel accepted (grey, grey + alpha, RGB, RGBA). */
    static final int MAX_BANDS = 4;

    @Override
    public String name() { return "PNG/JPEG/TIFF"; }

    @Override
    public boolean accepts(String name, byte[] head) { return format(head) != null && !isDicom(head); }

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
        return withReader(format(ImageReaders.head(file)), file.toString(), () -> fileStream(file),
                (reader, fmt, name) -> checkedSize(reader, name));
    }

    @Override
    public Radiograph decode(Path file) throws IOException {
        return withReader(format(ImageReaders.head(file)), file.toString(), () -> fileStream(file), ImageIoDecoder::read);
    }

    /**
     * Decodes a PNG, JPEG or TIFF held in memory ({@code name} is only for messages), exactly
     * as {@link #decode(Path)} decodes a file: for the fuzzer and for callers that hold bytes.
     */
    @Override
    public Radiograph decode(byte[] bytes, String name) throws IOException {
        return withReader(format(Arrays.copyOf(bytes, Math.min(bytes.length, ImageReaders.HEAD_BYTES))), name,
                () -> new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)), ImageIoDecoder::read);
    }

    /** Image 0 only, after the size check; ImageIO's warnings about cut-off data are errors. */
    private static Radiograph read(ImageReader reader, String fmt, String name) throws IOException {
        int[] size = checkedSize(reader, name);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((src, w) -> warnings.add(w));
        BufferedImage img = reader.read(0);
        for (String w : warnings) {
            String lw = w.toLowerCase(Locale.ROOT);
            // ImageIO only warns on a cut-off JPEG stream and returns grey filler for the rest
            if (lw.contains("premature") || lw.contains("truncat") || lw.contains("corrupt")) {
                throw new InvalidImageException("truncated or corrupt " + fmt + " image " + name + ": " + w);
            }
        }
        if (img.getWidth() != size[0] || img.getHeight() != size[1]) {
            throw new InvalidImageException(fmt + " image " + name + " decodes to " + img.getWidth() + "x" + img.getHeight()
                    + " but its header says " + size[0] + "x" + size[1]);
        }
        return toRadiograph(img, fmt);
    }

    /**
     * {@code {width, height}} of image 0 from the header, checked against {@link ImageLimits}
     * before any pixel is decoded; also refuses more than {@link #MAX_BANDS} samples per pixel,
     * so that the decoded raster stays a bounded multiple of the pixel count.
     */
    private static int[] checkedSize(ImageReader reader, String name) throws IOException {
        int w = reader.getWidth(0), h = reader.getHeight(0);
        if (w <= 0 || h <= 0) {
            throw new InvalidImageException("image " + name + " declares " + w + " x " + h + " pixels");
        }
        ImageLimits.check("image " + name, w, h);
        ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type != null && type.getSampleModel(1, 1).getNumBands() > MAX_BANDS) {
            throw new UnsupportedImageException("expected a grey or RGB image but " + name + " has "
                    + type.getSampleModel(1, 1).getNumBands() + " samples per pixel");
        }
        return new int[] {w, h};
    }

    private static ImageInputStream fileStream(Path file) throws IOException {
        // a file-backed stream: no ImageIO cache, neither in memory nor on disk
        return new FileImageInputStream(file.toFile());
    }

    private interface ReaderJob<T> {
        T run(ImageReader reader, String format, String name) throws IOException;
    }

    private interface StreamSource {
        ImageInputStream open() throws IOException;
    }

    private static <T> T withReader(String fmt, String name, StreamSource source, ReaderJob<T> job) throws IOException {
        if (fmt == null) {
            throw new UnsupportedImageException("expected a PNG, JPEG or TIFF image but " + name + " is none of them");
        }
        try (ImageInputStream in = source.open()) {
            ImageReader reader = reader(fmt, name);
            try {
                // seek forward only: image 0 is read and nothing before it is kept; no metadata
                reader.setInput(in, true, true);
                return job.run(reader, fmt, name);
            } catch (InvalidImageException | UnsupportedImageException e) {
                throw e;
            } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
                // ImageIO signals corrupt data with IIOException, EOFException or runtime exceptions
                // (AIOOBE, NegativeArraySize, ...); the size check above keeps honest allocations
                // bounded, so an OutOfMemoryError here is a plug-in allocating from corrupt fields
                throw new InvalidImageException("truncated or corrupt " + fmt + " image " + name + ": "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The TwelveMonkeys reader for JPEG and TIFF, the JDK's for PNG. Chosen by name, not by
     * ImageIO's registration order: jai-imageio-core (on the classpath for JPEG 2000) also
     * registers a TIFF reader, and it reads every IFD value a corrupt count field declares
     * (minutes and gigabytes for a 4 KB file).
     */
    private static ImageReader reader(String fmt, String name) {
        ImageReader chosen = null;
        for (Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(fmt); it.hasNext(); ) {
            ImageReader r = it.next();
            boolean preferred = r.getClass().getName().startsWith(fmt.equals("PNG") ? "com.sun.imageio." : "com.twelvemonkeys.");
            if (chosen == null || preferred) {
                if (chosen != null) chosen.dispose();
                chosen = r;
                if (preferred) break;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            throw new UnsupportedImageException("no ImageIO reader for " + fmt + " (needed for " + name + ")");
        }
        return chosen;
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
