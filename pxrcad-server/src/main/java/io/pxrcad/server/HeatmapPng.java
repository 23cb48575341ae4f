package io.pxrcad.server;

import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.report.Png;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;

/**
 * The raw stage-1 probability map as a 16-bit grayscale PNG, one pixel per map cell
 * ({@code width x height} of the map, row 0 at the top): value {@code round(p * 65535)}, so a
 * client gets p back to within 1/131070.
 */
final class HeatmapPng {
    static final int MAX = 65535;

    private HeatmapPng() {}

    static byte[] encode(ProbabilityMap map) {
        BufferedImage img = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = img.getRaster();
        for (int r = 0; r < map.height(); r++) {
            for (int c = 0; c < map.width(); c++) {
                float p = Math.max(0f, Math.min(1f, map.get(r, c)));
                raster.setSample(c, r, 0, Math.round(p * MAX));
            }
        }
        return Png.encode(img);
    }
}
