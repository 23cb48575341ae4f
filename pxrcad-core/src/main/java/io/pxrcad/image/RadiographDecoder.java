package io.pxrcad.image;

import io.pxrcad.Radiograph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One input format (PNG/JPEG/TIFF through ImageIO, DICOM, ...). {@code ImageReaders} asks each
 * registered decoder in turn whether it recognises an image from its name and first bytes.
 * Decoders are found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.pxrcad.image.RadiographDecoder}), so this package knows none of
 * them but its own; implementations need a public no-argument constructor.
 */
public interface RadiographDecoder {
    /** Short name shown to users, e.g. {@code DICOM}. */
    String name();

    /**
     * True when this decoder recognises the image.
     *
     * @param name the file name, or a name hint for bytes from elsewhere (e.g. {@code upload.dcm}); may be null
     * @param head up to the first 512 bytes (fewer for a shorter image)
     */
    boolean accepts(String name, byte[] head);

    /** {@link #accepts(String, byte[])} with the file's name. */
    default boolean accepts(Path file, byte[] head) {
        Path name = file.getFileName();
        return accepts(name == null ? null : name.toString(), head);
    }

    /**
     * Order among the registered decoders, lowest first. The default is 100; DICOM goes first
     * because some DICOM files carry a TIFF header in their preamble.
     */
    default int priority() { return 100; }

    /**
     * Decodes the file into a grayscale radiograph at its original size.
     *
     * @throws io.pxrcad.InvalidImageException for a corrupt or truncated file
     * @throws io.pxrcad.UnsupportedImageException for an encoding this decoder cannot read
     */
    Radiograph decode(Path file) throws IOException;

    /**
     * Decodes an image held in memory exactly as {@link #decode(Path)} decodes a file with these
     * bytes; {@code name} only names it in messages (may be null).
     */
    Radiograph decode(byte[] bytes, String name) throws IOException;

    /**
     * The image size {@code {width, height}} in pixels. The default decodes the whole image;
     * decoders that can read the size from the header override it, so that validating a large
     * manifest stays cheap.
     *
     * @throws io.pxrcad.InvalidImageException for a corrupt or truncated file
     */
    default int[] dimensions(Path file) throws IOException {
        Radiograph r = decode(file);
        return new int[] {r.width(), r.height()};
    }
}
