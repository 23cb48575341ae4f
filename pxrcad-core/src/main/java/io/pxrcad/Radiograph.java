package io.pxrcad;

import java.util.Arrays;
import java.util.Objects;

/**
 * A grayscale radiograph at its original size: the common currency between the image
 * readers (PNG, JPEG, TIFF, DICOM, phantoms) and everything downstream.
 *
 * <p>Pixels are row-major {@code float} values in the image's own intensity units (for
 * DICOM: after modality LUT / rescale, VOI and MONOCHROME1 inversion, so that bone is
 * bright). {@code bitDepth} is the stored bit depth of the source (8, 12, 16, ...), kept
 * for display and provenance; it does not bound the values. Immutable: the pixel array is
 * copied in and never handed out. {@link #acquisition()} carries the source's acquisition facts
 * (DICOM header), {@link AcquisitionInfo#UNKNOWN} for other formats.
 */
public final class Radiograph {
    private final int width;
    private final int height;
    private final float[] pixels;
    private final int bitDepth;
    private final String format;
    private final AcquisitionInfo acquisition;

    public Radiograph(int width, int height, float[] pixels, int bitDepth, String format) {
        this(width, height, pixels, bitDepth, format, AcquisitionInfo.UNKNOWN, true);
    }

    private Radiograph(int width, int height, float[] pixels, int bitDepth, String format, AcquisitionInfo acquisition,
                       boolean copy) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("size must be > 0 but was " + width + "x" + height);
        }
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + ((long) width * height) + " pixels for "
                    + width + "x" + height + " but got " + pixels.length);
        }
        if (bitDepth <= 0 || bitDepth > 32) {
            throw new IllegalArgumentException("bitDepth must be in 1..32 but was " + bitDepth);
        }
        this.width = width;
        this.height = height;
        this.pixels = copy ? pixels.clone() : pixels;
        this.bitDepth = bitDepth;
        this.format = Objects.requireNonNull(format, "format");
        this.acquisition = Objects.requireNonNull(acquisition, "acquisition");
    }

    /** Wraps an array the caller promises never to touch again (no copy). */
    public static Radiograph wrap(int width, int height, float[] pixels, int bitDepth, String format) {
        return new Radiograph(width, height, pixels, bitDepth, format, AcquisitionInfo.UNKNOWN, false);
    }

    /** The same pixels (shared, not copied: both are immutable) with other acquisition facts. */
    public Radiograph withAcquisition(AcquisitionInfo info) {
        return new Radiograph(width, height, pixels, bitDepth, format, info, false);
    }

    public int width() { return width; }
    public int height() { return height; }
    public int bitDepth() { return bitDepth; }
    /** Short format name: {@code PNG}, {@code JPEG}, {@code TIFF}, {@code DICOM}, {@code PHANTOM}. */
    public String format() { return format; }

    /** Acquisition facts of the source file; {@link AcquisitionInfo#UNKNOWN} when it has none. */
    public AcquisitionInfo acquisition() { return acquisition; }

    public float get(int x, int y) { return pixels[y * width + x]; }

    /** A copy of the pixels, row-major. */
    public float[] pixels() { return pixels.clone(); }

    /** Read-only access without a copy, for hot loops inside the library. */
    public float[] pixelsUnsafe() { return pixels; }

    /** {@code [min, max]} of the pixel values. */
    public float[] range() {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (float v : pixels) {
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
        return new float[] {lo, hi};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Radiograph r && r.width == width && r.height == height
                && r.bitDepth == bitDepth && r.format.equals(format) && r.acquisition.equals(acquisition)
                && Arrays.equals(r.pixels, pixels);
    }

    @Override
    public int hashCode() { return Objects.hash(width, height, bitDepth, format, acquisition, Arrays.hashCode(pixels)); }

    @Override
    public String toString() { return "Radiograph[" + format + " " + width + "x" + height + " " + bitDepth + "-bit]"; }
}
