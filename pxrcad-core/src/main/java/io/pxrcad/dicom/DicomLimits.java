package io.pxrcad.dicom;

/** Limits against hostile or corrupt files; exceeding one is an {@link InvalidDicomException}. */
public final class DicomLimits {
    private DicomLimits() {}

    /** Largest file (and largest inflated deflate dataset) read: 512 MiB. */
    public static final long MAX_FILE_BYTES = 512L << 20;
    /** Deepest sequence nesting accepted. */
    public static final int MAX_SEQUENCE_DEPTH = 100;
    /** Most data elements, items and fragments in one file. */
    public static final int MAX_ELEMENTS = 1_000_000;
    /** Most pixels (rows x columns) in one frame: 50 megapixels. */
    public static final long MAX_PIXELS = 50_000_000L;
}
