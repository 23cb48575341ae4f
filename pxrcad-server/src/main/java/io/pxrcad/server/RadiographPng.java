package io.pxrcad.server;

import io.pxrcad.report.DisplayImage;
import io.pxrcad.report.Png;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * The radiograph of {@code GET /predictions/{id}/image.png}: 8-bit grayscale, intensities scaled
 * by the model's own percentiles (what the model saw, before its resize to a square), at the
 * original aspect ratio, scaled down to {@link Pictures#MAX_SIDE} on its longest side (never up). A
 * browser cannot show a DICOM, so the viewer draws its heatmap and ROI box over this picture;
 * ROI coordinates are in original pixels, so a client scales them by
 * {@code picture width / detection width}.
 */
final class RadiographPng {
    private RadiographPng() {}

    static byte[] encode(DisplayImage display) {
        BufferedImage out = new BufferedImage(display.width(), display.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(display.gray(), 0, pixels, 0, pixels.length);
        return Png.encode(out);
    }
}
