package io.pxrcad.image;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads any supported image file into a {@link Radiograph}: asks each decoder of
 * {@link #DECODERS}, in order, whether it recognises the file's name and first 512 bytes.
 */
public final class ImageReaders {
    /** How many leading bytes a decoder sees in {@link RadiographDecoder#accepts}. */
    public static final int HEAD_BYTES = 512;

    /**
     * The decoders, asked in this order. Mutable so that other packages (DICOM) can register
     * theirs first, once, at class initialisation.
     */
    public static final List<RadiographDecoder> DECODERS = new CopyOnWriteArrayList<>(List.of(
            new io.pxrcad.dicom.DicomDecoder(), new ImageIoDecoder()));

    private ImageReaders() {}

    /**
     * Decodes the file. Every decoder checks the size its header declares against
     * {@link ImageLimits} before it decodes any pixel.
     *
     * @throws ImageTooLargeException    when the image declares more pixels than the limit
     * @throws InvalidImageException     when the file is missing, truncated or corrupt
     * @throws UnsupportedImageException when no decoder recognises it
     */
    public static Radiograph read(Path file) {
        RadiographDecoder d = decoderFor(file);
        try {
            return d.decode(file);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read " + d.name() + " image " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code {width, height}} of the image, from its header where the format allows; the same
     * {@link ImageLimits size limit} as {@link #read} applies, so a pre-flight check refuses
     * what decoding would refuse.
     *
     * @throws ImageTooLargeException when the image declares more pixels than the limit
     */
    public static int[] dimensions(Path file) {
        RadiographDecoder d = decoderFor(file);
        try {
            int[] size = d.dimensions(file);
            ImageLimits.check("image " + file, size[0], size[1]);
            return size;
        } catch (IOException e) {
            throw new InvalidImageException("cannot read " + d.name() + " image " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first decoder that accepts the file. */
    public static RadiographDecoder decoderFor(Path file) {
        byte[] head = head(file);
        for (RadiographDecoder d : DECODERS) {
            if (d.accepts(file, head)) {
                return d;
            }
        }
        throw new UnsupportedImageException("unsupported image " + file + ": expected "
                + DECODERS.stream().map(RadiographDecoder::name).toList() + " but it looks like " + describe(head));
    }

    static byte[] head(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidImageException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new InvalidImageException("expected an image file but " + file + " is a directory");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read " + file + ": " + io.pxrcad.IoErrors.reason(e), e);
        }
    }

    /** A short, human description of unknown content: empty, text, or the first bytes in hex. */
    static String describe(byte[] head) {
        if (head.length == 0) {
            return "an empty file";
        }
        if (ImageIoDecoder.isDicom(head)) {
            return "DICOM";
        }
        int printable = 0;
        int n = Math.min(head.length, 64);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == '\n' || b == '\r' || b == '\t' || (b >= 32 && b < 127)) printable++;
        }
        if (printable == n) {
            return "text";
        }
        StringBuilder sb = new StringBuilder("binary data starting ");
        for (int i = 0; i < Math.min(head.length, 8); i++) {
            sb.append(String.format("%02x", head[i] & 0xff));
        }
        return sb.toString();
    }

}
