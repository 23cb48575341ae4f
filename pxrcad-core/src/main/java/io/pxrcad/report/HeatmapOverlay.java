package io.pxrcad.report;

import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;
import io.pxrcad.image.PreprocessConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;
import io.pxrcad.mining.ProbabilityMap;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;
import java.util.Locale;

/**
 * Draws a radiograph with the stage-1 probability map overlaid as a heatmap (map upsampled
 * bilinearly from cell centres to the original size, colour from blue to red, opacity growing
 * with probability), the ROI box in yellow and, where known, the true fracture boxes in green
 * dashes, with a caption. What a reader looks at to see where the model found a fracture, and
 * whether it looked at the fracture.
 */
public final class HeatmapOverlay {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Preprocessor DISPLAY = new Preprocessor(new PreprocessConfig());
    private static final Color ROI = new Color(255, 230, 0);

    private HeatmapOverlay() {}

    /** {@code p=0.87 fracture (hip)}: the probability, the band and, for a finding, its type. */
    public static String caption(Detection d) {
        boolean finding = d.type() != null && d.band() != Band.NONE && d.band() != Band.OUT_OF_SCOPE;
        return String.format(Locale.ROOT, "p=%.2f %s%s", d.probability(), d.band().label(),
                finding ? " (" + d.type().label() + ")" : "");
    }

    /**
     * @param image   the radiograph at its original size
     * @param map     the stage-1 map, values in [0,1]
     * @param roi     the ROI in original pixels, or null
     * @param caption text for the top-left corner, or null
     * @param maxSide the longest side of the picture (larger images are scaled down)
     */
    public static BufferedImage render(Radiograph image, ProbabilityMap map, PixelBox roi, String caption, int maxSide) {
        return render(image, map, roi, List.of(), caption, maxSide);
    }

    /**
     * As {@link #render(Radiograph, ProbabilityMap, PixelBox, String, int)}, with the true fracture
     * boxes drawn in green dashes.
     *
     * @param truth the true boxes in original pixels (empty for none)
     */
    public static BufferedImage render(Radiograph image, ProbabilityMap map, PixelBox roi, List<PixelBox> truth,
                                       String caption, int maxSide) {
        return render(DisplayImage.of(image, DISPLAY, maxSide), map, roi, truth, caption, maxSide);
    }

    /**
     * As {@link #render(Radiograph, ProbabilityMap, PixelBox, List, String, int)}, drawn from a
     * radiograph already scaled for display (an image that {@code maxSide} would enlarge is
     * enlarged from it).
     */
    public static BufferedImage render(DisplayImage display, ProbabilityMap map, PixelBox roi, List<PixelBox> truth,
                                       String caption, int maxSide) {
        double scale = scale(display.originalWidth(), display.originalHeight(), maxSide);
        BufferedImage out = heatmap(display, map, scale);
        Graphics2D gr = graphics(out);
        if (roi != null) {
            gr.setColor(ROI);
            gr.setStroke(new BasicStroke(Math.max(2f, out.getWidth() / 300f)));
            drawBox(gr, roi, scale);
        }
        gr.setColor(new Color(0x00, 0xD0, 0x60));
        gr.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 3}, 0));
        for (PixelBox b : truth) {
            drawBox(gr, b, scale);
        }
        if (caption != null && !caption.isEmpty()) label(gr, out, List.of(caption), false);
        gr.dispose();
        return out;
    }

    /**
     * The picture a reader sees in a PACS (the Secondary Capture of {@code io.pxrcad.pacs}): the
     * heatmap, the ROI box solid for a {@code fracture}, dashed for a {@code suspicious} finding and
     * absent otherwise, {@code lines} at the top left (e.g. {@link #caption}) and {@code footer} at
     * the bottom left.
     *
     * @param maxSide the longest side of the picture (larger images are scaled down, small ones up to 512 px)
     */
    public static BufferedImage annotated(Radiograph image, Detection d, List<String> lines, String footer, int maxSide) {
        double scale = scale(image.width(), image.height(), maxSide);
        BufferedImage out = heatmap(DisplayImage.of(image, DISPLAY, maxSide), d.map(), scale);
        Graphics2D gr = graphics(out);
        if (d.band() == Band.FRACTURE || d.band() == Band.SUSPICIOUS) {
            float width = Math.max(2f, out.getWidth() / 300f);
            gr.setColor(ROI);
            gr.setStroke(d.band() == Band.FRACTURE ? new BasicStroke(width)
                    : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {4 * width, 3 * width}, 0));
            drawBox(gr, d.roi(), scale);
        }
        if (!lines.isEmpty()) label(gr, out, lines, false);
        if (footer != null && !footer.isEmpty()) label(gr, out, List.of(footer), true);
        gr.dispose();
        return out;
    }

    /** Large radiographs are scaled down to maxSide; small ones (phantoms) up to 512 px to be readable. */
    private static double scale(int width, int height, int maxSide) {
        int longest = Math.max(width, height);
        return Math.min(maxSide / (double) longest, Math.max(1.0, 512.0 / longest));
    }

    private static BufferedImage heatmap(DisplayImage display, ProbabilityMap map, double scale) {
        int w = Math.max(1, (int) Math.round(display.originalWidth() * scale));
        int h = Math.max(1, (int) Math.round(display.originalHeight() * scale));
        float[] gray = display.unit(w, h);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        // the picture's own int array: setRGB per pixel converts colour models each call
        int[] rgb = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            // map coordinates of this pixel's centre (cell centres at (j+0.5)*W/w)
            double my = (y + 0.5) / h * map.height() - 0.5;
            for (int x = 0; x < w; x++) {
                double mx = (x + 0.5) / w * map.width() - 0.5;
                float p = sample(map, mx, my);
                float g = gray[y * w + x];
                float a = 0.55f * smoothstep(0.15f, 0.9f, p);
                int[] c = colour(p);
                int r = blend(g, c[0], a), gg = blend(g, c[1], a), b = blend(g, c[2], a);
                rgb[y * w + x] = (r << 16) | (gg << 8) | b;
            }
        }
        return out;
    }

    private static Graphics2D graphics(BufferedImage out) {
        Graphics2D gr = out.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return gr;
    }

    /** White text on a dark band, at the top left or the bottom left. */
    private static void label(Graphics2D gr, BufferedImage out, List<String> lines, boolean bottom) {
        int size = Math.max(11, out.getWidth() / 45);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        int tw = lines.stream().mapToInt(l -> gr.getFontMetrics().stringWidth(l)).max().orElse(0);
        int lineHeight = (int) (size * 1.3);
        int bandHeight = lineHeight * lines.size() + (int) (size * 0.3);
        int top = bottom ? out.getHeight() - bandHeight : 0;
        gr.setColor(new Color(0, 0, 0, 170));
        gr.fillRect(0, top, tw + size, bandHeight);
        gr.setColor(Color.WHITE);
        for (int i = 0; i < lines.size(); i++) {
            gr.drawString(lines.get(i), size / 2, top + (int) (size * 1.2) + i * lineHeight);
        }
    }

    private static void drawBox(Graphics2D g, PixelBox b, double scale) {
        g.drawRect((int) Math.round(b.x0() * scale), (int) Math.round(b.y0() * scale),
                (int) Math.round(b.width() * scale), (int) Math.round(b.height() * scale));
    }

    private static float sample(ProbabilityMap map, double x, double y) {
        x = Math.max(0, Math.min(map.width() - 1, x));
        y = Math.max(0, Math.min(map.height() - 1, y));
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        int x1 = Math.min(map.width() - 1, x0 + 1), y1 = Math.min(map.height() - 1, y0 + 1);
        double fx = x - x0, fy = y - y0;
        double top = map.get(y0, x0) * (1 - fx) + map.get(y0, x1) * fx;
        double bot = map.get(y1, x0) * (1 - fx) + map.get(y1, x1) * fx;
        return (float) (top * (1 - fy) + bot * fy);
    }

    /** Blue (0) -> cyan -> yellow -> red (1). */
    private static int[] colour(float p) {
        float t = Math.max(0, Math.min(1, p));
        float r = Math.min(1, Math.max(0, 2 * t - 0.5f) * 1.5f);
        float g = t < 0.5f ? 2 * t : 2 * (1 - t) + 0.3f;
        float b = Math.max(0, 1 - 2 * t);
        return new int[] {(int) (255 * r), (int) (255 * Math.min(1, g)), (int) (255 * b)};
    }

    private static int blend(float gray, int c, float a) {
        return Math.max(0, Math.min(255, Math.round((1 - a) * gray * 255 + a * c)));
    }

    private static float smoothstep(float e0, float e1, float x) {
        float t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
        return t * t * (3 - 2 * t);
    }
}
