package io.pxrcad;

/**
 * A problem with the user's data (an image, a manifest, a model artifact): the person who
 * supplied the data must fix it, not the programmer. The CLI prints the message on one line
 * and exits 1; the server answers 4xx. Messages say what was expected, what was found and
 * where, and never carry patient identifiers.
 */
public class DataException extends RuntimeException {
    public DataException(String message) { super(message); }
    public DataException(String message, Throwable cause) { super(message, cause); }
}
