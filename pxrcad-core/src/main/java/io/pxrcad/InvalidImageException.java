package io.pxrcad;

/** An image file that is missing, truncated or corrupt. */
public class InvalidImageException extends DataException {
    public InvalidImageException(String message) { super(message); }
    public InvalidImageException(String message, Throwable cause) { super(message, cause); }
}
