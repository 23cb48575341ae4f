package io.pxrcad.server;

import io.pxrcad.Radiograph;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.report.Png;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * The radiograph of {@code GET /predictions/{id}/image.png}: 8-bit grayscale, intensities scaled
 * by the model's own percentiles (what the model saw, before its resize to a square), at the
 * original aspect ratio, scaled down to {@link #MAX_SIDE} on its longest side (never up). A
 * browser cannot show a DICOM, so the viewer draws its heatmap and ROI box over this picture;
 * ROI coordinates are in original pixels, so a client scales them by
 * {@code picture width / detection width}.
 */
final class RadiographPng {
    static final int MAX_SIDE = 1024;

    private RadiographPng() {}

    static byte[] encode(Radiograph image, PreprocessConfig preprocessing) {
        int longest = Math.max(image.width(), image.height());
        double scale = Math.min(1.0, MAX_SIDE / (double) longest);
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        float[] gray = Preprocessor.resize(new Preprocessor(preprocessing).scaleToUnit(image), image.width(),
                image.height(), w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = out.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setSample(x, y, 0, Math.round(Math.max(0f, Math.min(1f, gray[y * w + x])) * 255));
            }
        }
        return Png.encode(out);
    }
}
