package io.pxrcad.cli;

import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.mining.ProbabilityMap;

import javax.imageio.ImageIO;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A report thumbnail of one detection, drawn with Java2D into PNG bytes: the radiograph
 * (percentile-windowed gray), the stage-1 probability map as a translucent red heatmap
 * (alpha grows with p), the true boxes in green and the model's ROI in orange. Small and
 * package-private until the shared heatmap renderer of {@code io.pxrcad.report} is available.
 */
final class Overlay {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Overlay() {}

    /** @param side longest side of the thumbnail in pixels */
    static byte[] png(Radiograph r, ProbabilityMap map, PixelBox roi, List<PixelBox> truth, int side) {
        double scale = Math.min(1.0, side / (double) Math.max(r.width(), r.height()));
        int w = Math.max(1, (int) Math.round(r.width() * scale));
        int h = Math.max(1, (int) Math.round(r.height() * scale));
        float[] range = window(r);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            int sy = Math.min(r.height() - 1, (int) (y / scale));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(r.width() - 1, (int) (x / scale));
                float v = (r.get(sx, sy) - range[0]) / Math.max(1e-6f, range[1] - range[0]);
                int g = Math.max(0, Math.min(255, Math.round(v * 255)));
                img.setRGB(x, y, g << 16 | g << 8 | g);
            }
        }
        Graphics2D gr = img.createGraphics();
        try {
            gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            double cw = w / (double) map.width(), ch = h / (double) map.height();
            for (int i = 0; i < map.height(); i++) {
                for (int j = 0; j < map.width(); j++) {
                    float p = map.get(i, j);
                    gr.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f * p));
                    gr.setColor(new Color(255, (int) (200 * (1 - p)), 0));
                    gr.fillRect((int) Math.floor(j * cw), (int) Math.floor(i * ch),
                            (int) Math.ceil(cw), (int) Math.ceil(ch));
                }
            }
            gr.setComposite(AlphaComposite.SrcOver);
            gr.setStroke(new BasicStroke(2f));
            gr.setColor(new Color(0x00, 0xC0, 0x60));
            for (PixelBox b : truth) draw(gr, b, scale);
            if (roi != null) {
                gr.setColor(new Color(0xFF, 0x9F, 0x00));
                gr.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{5, 3}, 0));
                draw(gr, roi, scale);
            }
        } finally {
            gr.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void draw(Graphics2D g, PixelBox b, double s) {
        g.drawRect((int) Math.round(b.x0() * s), (int) Math.round(b.y0() * s),
                (int) Math.round(b.width() * s), (int) Math.round(b.height() * s));
    }

    /** 0.5th and 99.5th percentiles of a subsample of the pixels. */
    private static float[] window(Radiograph r) {
        float[] px = r.pixelsUnsafe();
        int step = Math.max(1, px.length / 20000);
        float[] sample = new float[(px.length + step - 1) / step];
        for (int i = 0, k = 0; i < px.length && k < sample.length; i += step) sample[k++] = px[i];
        java.util.Arrays.sort(sample);
        return new float[]{sample[(int) (0.005 * (sample.length - 1))], sample[(int) (0.995 * (sample.length - 1))]};
    }
}
