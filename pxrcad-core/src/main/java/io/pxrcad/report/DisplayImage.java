package io.pxrcad.report;

import io.pxrcad.Radiograph;
import io.pxrcad.image.Preprocessor;

/**
 * A radiograph as a picture shows it: percentile-scaled gray, 8 bits a pixel, at most
 * {@code maxSide} on its longest side (never enlarged), with the original size kept so that boxes
 * in original pixels can be drawn on it. Made once per image; every picture of that image (overlay,
 * plain radiograph) is drawn from it, so the full-size image is scaled once and need not be kept.
 *
 * @param gray           {@code width*height} gray values (unsigned bytes), row-major
 * @param originalWidth  width of the radiograph it shows, in original pixels
 * @param originalHeight height of the radiograph, in original pixels
 */
public record DisplayImage(byte[] gray, int width, int height, int originalWidth, int originalHeight) {
    public DisplayImage {
        if (width < 1 || height < 1 || gray.length != width * height) {
            throw new IllegalArgumentException("expected " + width + " x " + height + " gray values but got " + gray.length);
        }
    }

    /** {@code image} intensity-scaled by {@code preprocessor} and scaled down to {@code maxSide} if larger. */
    public static DisplayImage of(Radiograph image, Preprocessor preprocessor, int maxSide) {
        int longest = Math.max(image.width(), image.height());
        double scale = Math.min(1.0, maxSide / (double) longest);
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        float[] unit = Preprocessor.resize(preprocessor.scaleToUnit(image), image.width(), image.height(), w, h);
        byte[] gray = new byte[unit.length];
        for (int i = 0; i < unit.length; i++) gray[i] = (byte) Math.round(Math.max(0f, Math.min(1f, unit[i])) * 255);
        return new DisplayImage(gray, w, h, image.width(), image.height());
    }

    /** The gray values in [0,1] at {@code w x h} (bilinear when the size differs). */
    float[] unit(int w, int h) {
        float[] v = new float[gray.length];
        for (int i = 0; i < v.length; i++) v[i] = (gray[i] & 0xFF) / 255f;
        return w == width && h == height ? v : Preprocessor.resize(v, width, height, w, h);
    }
}
