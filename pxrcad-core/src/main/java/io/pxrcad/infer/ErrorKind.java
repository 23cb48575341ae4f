package io.pxrcad.infer;

import io.pxrcad.InvalidImageException;
import io.pxrcad.UnsupportedImageException;

import java.io.UncheckedIOException;

/**
 * Why an image has no detection, coarse enough to count (a batch job's summary says "3 unreadable,
 * 1 unsupported"), while the error message says what exactly and where.
 */
public enum ErrorKind {
    /** The file could not be read (gone, no permission, too large to read). */
    UNREADABLE("unreadable"),
    /** The bytes are not a valid image (truncated, corrupt, not DICOM). */
    INVALID_IMAGE("invalid image"),
    /** A valid image of a kind we do not decode (e.g. a compressed transfer syntax). */
    UNSUPPORTED_IMAGE("unsupported image"),
    /** Decoding or scoring it needed more memory than the JVM had. */
    OUT_OF_MEMORY("out of memory"),
    /** It decoded but the model could not score it. */
    SCORING("scoring failed");

    private final String label;

    ErrorKind(String label) { this.label = label; }

    /** Lower-case words, as in summaries and output tables. */
    public String label() { return label; }

    /** The kind of an error thrown while decoding an image. */
    static ErrorKind ofDecoding(Throwable e) {
        if (e instanceof UnsupportedImageException) return UNSUPPORTED_IMAGE;
        if (e instanceof UncheckedIOException) return UNREADABLE;
        if (e instanceof OutOfMemoryError) return OUT_OF_MEMORY;
        return INVALID_IMAGE;
    }

    /** The kind of an error thrown while scoring a decoded image. */
    static ErrorKind ofScoring(Throwable e) {
        if (e instanceof OutOfMemoryError) return OUT_OF_MEMORY;
        if (e instanceof UnsupportedImageException) return UNSUPPORTED_IMAGE;
        if (e instanceof InvalidImageException) return INVALID_IMAGE;
        return SCORING;
    }
}
