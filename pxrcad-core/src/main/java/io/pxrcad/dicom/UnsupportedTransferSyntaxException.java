package io.pxrcad.dicom;

import io.pxrcad.UnsupportedImageException;

/** A DICOM file encoded with a transfer syntax pxrcad cannot decode (e.g. JPEG-LS); the message names it. */
public class UnsupportedTransferSyntaxException extends UnsupportedImageException {
    private final String uid;

    public UnsupportedTransferSyntaxException(String uid, String name, String detail) {
        super("unsupported DICOM transfer syntax " + name + " (" + uid + ")" + (detail == null ? "" : ": " + detail));
        this.uid = uid;
    }

    private UnsupportedTransferSyntaxException(String message, String uid, Throwable cause) {
        super(message, cause);
        this.uid = uid;
    }

    /** The same error with the file's name added to the message. */
    public UnsupportedTransferSyntaxException in(String fileName) {
        return new UnsupportedTransferSyntaxException(getMessage() + " (in " + fileName + ")", uid, this);
    }

    /** The transfer syntax UID, e.g. {@code 1.2.840.10008.1.2.4.80}. */
    public String uid() { return uid; }
}
