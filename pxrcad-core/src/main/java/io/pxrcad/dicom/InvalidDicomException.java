package io.pxrcad.dicom;

import io.pxrcad.InvalidImageException;

/**
 * A DICOM file that is truncated, corrupt or violates a safety limit. The message says what
 * was expected, what was found and where (tag and byte offset); it never carries patient
 * identifiers.
 */
public class InvalidDicomException extends InvalidImageException {
    public InvalidDicomException(String message) { super(message); }
    public InvalidDicomException(String message, Throwable cause) { super(message, cause); }
}
