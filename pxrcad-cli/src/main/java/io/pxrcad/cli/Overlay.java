package io.pxrcad.cli;

import io.pxrcad.report.Png;

import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.report.HeatmapOverlay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A report thumbnail of one detection as PNG bytes: {@link HeatmapOverlay} (radiograph, stage-1
 * heatmap, ROI in yellow) with the true fracture boxes added in green, so that a reader sees
 * at a glance whether the model looked at the fracture.
 */
final class Overlay {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Overlay() {}

    /** @param side longest side of the thumbnail in pixels */
    static byte[] png(Radiograph r, ProbabilityMap map, PixelBox roi, List<PixelBox> truth, int side) {
        BufferedImage img = HeatmapOverlay.render(r, map, roi, null, side);
        double scale = img.getWidth() / (double) r.width();
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x00, 0xD0, 0x60));
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{5, 3}, 0));
            for (PixelBox b : truth) {
                g.drawRect((int) Math.round(b.x0() * scale), (int) Math.round(b.y0() * scale),
                        (int) Math.round(b.width() * scale), (int) Math.round(b.height() * scale));
            }
        } finally {
            g.dispose();
        }
        return Png.encode(img);
    }
}
