package io.pxrcad.image;

import io.pxrcad.InvalidImageException;
import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Reads any supported image, from a file or from bytes, into a {@link Radiograph}: asks each
 * decoder of {@link #DECODERS}, in order, whether it recognises the name and first 512 bytes
 * (the format is sniffed from the content; the name is a hint, e.g. {@code .dcm}).
 */
public final class ImageReaders {
    /** How many leading bytes a decoder sees in {@link RadiographDecoder#accepts}. */
    public static final int HEAD_BYTES = 512;

    /** Most bytes read from a stream ({@link #read(InputStream, String)}): 512 MiB, DICOM's file limit. */
    public static final int MAX_STREAM_BYTES = 512 << 20;

    /**
     * The decoders found by {@link ServiceLoader} on the class path, by {@link
     * RadiographDecoder#priority()}: immutable, asked in this order.
     */
    public static final List<RadiographDecoder> DECODERS = ServiceLoader.load(RadiographDecoder.class,
                    ImageReaders.class.getClassLoader()).stream().map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparingInt(RadiographDecoder::priority)).toList();

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

    /**
     * Decodes an image held in memory (an upload, a cell of a table), as {@link #read(Path)}
     * decodes a file with these bytes.
     *
     * @param name a file name or hint used in messages and by decoders that know a suffix
     *             ({@code .dcm}); may be null
     */
    public static Radiograph read(byte[] bytes, String name) {
        String where = name == null ? "image data" : name;
        RadiographDecoder d = decoderFor(name, Arrays.copyOf(bytes, Math.min(bytes.length, HEAD_BYTES)), where);
        try {
            return d.decode(bytes, name);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read " + d.name() + " image " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@link #read(byte[], String)} with a media type as a further hint (an HTTP upload's
     * {@code Content-Type}, e.g. {@code application/dicom}): it stands in for a missing name's
     * suffix. The content still decides: a hint never makes a decoder accept what it does not
     * recognise, and an unknown or generic type ({@code application/octet-stream}) is ignored.
     */
    public static Radiograph read(byte[] bytes, String name, String mediaType) {
        String suffix = MediaTypes.suffix(mediaType);
        byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, HEAD_BYTES));
        if (suffix == null || DECODERS.stream().anyMatch(d -> d.accepts(name, head))) {
            return read(bytes, name);
        }
        return read(bytes, (name == null ? "image" : name) + suffix);
    }

    /** {@link #read(byte[], String)} of a stream's content, up to {@link #MAX_STREAM_BYTES}; the caller closes it. */
    public static Radiograph read(InputStream in, String name) {
        String where = name == null ? "image data" : name;
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_STREAM_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidImageException("cannot read " + where + ": " + io.pxrcad.IoErrors.reason(e), e);
        }
        if (bytes.length > MAX_STREAM_BYTES) {
            throw new InvalidImageException(where + " is over the limit of " + (MAX_STREAM_BYTES >> 20) + " MiB");
        }
        return read(bytes, name);
    }

    /** The first decoder that accepts the file. */
    public static RadiographDecoder decoderFor(Path file) {
        Path name = file.getFileName();
        return decoderFor(name == null ? null : name.toString(), head(file), file.toString());
    }

    private static RadiographDecoder decoderFor(String name, byte[] head, String where) {
        for (RadiographDecoder d : DECODERS) {
            if (d.accepts(name, head)) {
                return d;
            }
        }
        throw new UnsupportedImageException("unsupported image " + where + ": expected "
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
