package io.pxrcad.image;

import io.pxrcad.Radiograph;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One input format (PNG/JPEG/TIFF through ImageIO, DICOM, ...). {@code ImageReaders} asks each
 * registered decoder in turn whether it recognises a file from its name and first bytes.
 */
public interface RadiographDecoder {
    /** Short name shown to users, e.g. {@code DICOM}. */
    String name();

    /**
     * True when this decoder recognises the file.
     *
     * @param file the file (its name may help, e.g. {@code .dcm})
     * @param head up to the first 512 bytes of the file (fewer for a shorter file)
     */
    boolean accepts(Path file, byte[] head);

    /**
     * Decodes the file into a grayscale radiograph at its original size.
     *
     * @throws io.pxrcad.InvalidImageException for a corrupt or truncated file
     * @throws io.pxrcad.UnsupportedImageException for an encoding this decoder cannot read
     */
    Radiograph decode(Path file) throws IOException;

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
