package io.pxrcad.image;

import io.pxrcad.InvalidImageException;

/**
 * An image whose header declares more pixels than {@link ImageLimits#maxPixels()}: refused
 * before any pixel is decoded. Its own type so that a service can answer "payload too large"
 * (HTTP 413) rather than "corrupt image"; the size and the limit are kept for that answer.
 */
public class ImageTooLargeException extends InvalidImageException {
    private final String subject;
    private final long width;
    private final long height;
    private final long limit;

    /**
     * @param subject what declares the size, the start of the message: {@code "image a.png"}, {@code "DICOM image"}
     */
    public ImageTooLargeException(String subject, long width, long height, long limit) {
        super(subject + " declares " + width + " x " + height + " pixels ("
                + ImageLimits.megapixels(width * height) + " megapixels), over the limit of "
                + ImageLimits.megapixels(limit) + " megapixels (-D" + ImageLimits.PROPERTY + ")");
        this.subject = subject;
        this.width = width;
        this.height = height;
        this.limit = limit;
    }

    /** The same refusal naming {@code file}, for a decoder that did not know the file's name. */
    public ImageTooLargeException in(String file) {
        ImageTooLargeException e = new ImageTooLargeException("image " + file, width, height, limit);
        e.initCause(this);
        return e;
    }

    public long width() { return width; }
    public long height() { return height; }
    /** The limit in pixels at the time of the refusal. */
    public long limit() { return limit; }
}
