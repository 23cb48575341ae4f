package io.pxrcad.image;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The one size limit for every input format (PNG, JPEG, TIFF and DICOM): an image may declare
 * at most {@link #maxPixels()} pixels (width x height, per frame). Each decoder checks the size
 * its header declares with {@link #check} <em>before</em> it decodes or allocates any pixel, so
 * a small file that declares a huge image (a "decompression bomb") fails fast with one line
 * instead of an {@code OutOfMemoryError}.
 *
 * <p>The limit is 50 megapixels unless the system property {@value #PROPERTY} says otherwise
 * (a positive whole number of pixels, e.g. {@code -Dpxrcad.maxPixels=100000000}; for the CLI
 * through {@code PXRCAD_JAVA_OPTS}). It is read at each check, so a test or a server may change
 * it at run time.
 */
public final class ImageLimits {
    /** System property that overrides {@link #DEFAULT_MAX_PIXELS}. */
    public static final String PROPERTY = "pxrcad.maxPixels";
    /** 50 megapixels: about 7000 x 7000, above any radiograph detector (43 x 43 cm at 0.1 mm is 18 MP). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private ImageLimits() {}

    /**
     * The current limit in pixels.
     *
     * @throws IllegalArgumentException when {@value #PROPERTY} is set but not a positive whole number
     */
    public static long maxPixels() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) return DEFAULT_MAX_PIXELS;
        try {
            long n = Long.parseLong(v.strip().replace("_", ""));
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("system property " + PROPERTY + " must be a positive whole number of pixels but was '"
                + v + "'");
    }

    /**
     * Refuses a declared size over the limit (a size that is not positive is left to the decoder to refuse).
     *
     * @param subject what declares the size, the start of the message: {@code "image a.png"}, {@code "DICOM image"}
     * @throws ImageTooLargeException when {@code width * height > maxPixels()}
     */
    public static void check(String subject, long width, long height) {
        long limit = maxPixels();
        if (width > 0 && height > 0 && width * height > limit) {
            throw new ImageTooLargeException(subject, width, height, limit);
        }
    }

    /** Megapixels for messages: {@code 1600}, {@code 50}, {@code 50.4}, {@code 0.01} (3 significant digits below 1000). */
    static String megapixels(long pixels) {
        double mp = pixels / 1e6;
        if (mp >= 1000) return Long.toString(Math.round(mp));
        return new BigDecimal(mp).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
