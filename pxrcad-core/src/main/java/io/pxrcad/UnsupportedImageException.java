package io.pxrcad;

/** An image in a format or encoding that pxrcad does not read (the message names it). */
public class UnsupportedImageException extends DataException {
    public UnsupportedImageException(String message) { super(message); }
    public UnsupportedImageException(String message, Throwable cause) { super(message, cause); }
}
