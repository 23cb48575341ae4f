package io.pxrcad.dicom;

/**
 * Limits against hostile or corrupt files; exceeding one is an {@link InvalidDicomException}.
 * The pixel count per frame is checked against {@link io.pxrcad.image.ImageLimits}, the one
 * limit for every format ({@link io.pxrcad.image.ImageTooLargeException}).
 */
public final class DicomLimits {
    private DicomLimits() {}

    /** Largest file (and largest inflated deflate dataset) read: 512 MiB. */
    public static final long MAX_FILE_BYTES = 512L << 20;
    /** Deepest sequence nesting accepted. */
    public static final int MAX_SEQUENCE_DEPTH = 100;
    /** Most data elements, items and fragments in one file. */
    public static final int MAX_ELEMENTS = 1_000_000;
    // the most pixels per frame is the limit shared by all formats: io.pxrcad.image.ImageLimits
}
