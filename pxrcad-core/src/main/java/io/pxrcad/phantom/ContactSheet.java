package io.pxrcad.phantom;

import io.pxrcad.AtomicFiles;
import io.pxrcad.PixelBox;
import io.pxrcad.Radiograph;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A 4 x 4 sheet of phantoms for looking at them: one row per difficulty (0, 1/3, 2/3, 1),
 * three positives (boxes drawn: red hip, cyan pelvic) and one negative per row, each
 * labelled. Rendered at {@code 2 * TILE} and shown at {@code TILE} pixels; written as an
 * indexed-colour PNG so that it stays small.
 */
public final class ContactSheet {
    static final int TILE = 256;
    private static final int GRID = 4, GRAYS = 250;

    private ContactSheet() {}

    public static void write(Path file, long seed) throws IOException {
        BufferedImage sheet = render(seed);
        AtomicFiles.write(file, out -> ImageIO.write(sheet, "png", out));
    }

    static BufferedImage render(long seed) {
        byte[] r = new byte[256], g = new byte[256], b = new byte[256];
        for (int i = 0; i < GRAYS; i++) r[i] = g[i] = b[i] = (byte) Math.round(i * 255.0 / (GRAYS - 1));
        int[][] colors = {{255, 40, 40}, {40, 230, 255}, {255, 230, 40}, {0, 0, 0}};
        for (int i = 0; i < colors.length; i++) {
            r[GRAYS + i] = (byte) colors[i][0]; g[GRAYS + i] = (byte) colors[i][1]; b[GRAYS + i] = (byte) colors[i][2];
        }
        BufferedImage sheet = new BufferedImage(GRID * TILE, GRID * TILE, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        Graphics2D gr = sheet.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        gr.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        for (int row = 0; row < GRID; row++) {
            double difficulty = row / (GRID - 1.0);
            PhantomGenerator gen = new PhantomGenerator(PhantomConfig.defaults().withSeed(seed).withSize(2 * TILE).withDifficulty(difficulty));
            int col = 0, negatives = 0;
            for (int i = 0; col < GRID; i++) {
                Phantom p = gen.render(row * 40 + i);
                boolean negative = p.label() == 0;
                if (negative ? negatives >= 1 || col < GRID - 1 : col >= GRID - 1) continue;
                if (negative) negatives++;
                tile(sheet, gr, p, col * TILE, row * TILE, difficulty);
                col++;
            }
        }
        gr.dispose();
        return sheet;
    }

    private static void tile(BufferedImage sheet, Graphics2D gr, Phantom p, int ox, int oy, double difficulty) {
        Radiograph img = p.image();
        float[] px = img.pixelsUnsafe();
        int w = img.width();
        byte[] data = ((java.awt.image.DataBufferByte) sheet.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                int i = 2 * y * w + 2 * x;
                float v = (px[i] + px[i + 1] + px[i + w] + px[i + w + 1]) / (4 * 65535f);
                data[(oy + y) * sheet.getWidth() + ox + x] = (byte) Math.round(v * (GRAYS - 1));
            }
        }
        for (int k = 0; k < p.boxes().size(); k++) {
            PixelBox b = p.boxes().get(k);
            gr.setColor(p.sites().get(k).type() == io.pxrcad.FractureType.HIP ? new Color(255, 40, 40) : new Color(40, 230, 255));
            gr.drawRect(ox + (int) (b.x0() / 2) - 2, oy + (int) (b.y0() / 2) - 2, (int) Math.ceil(b.width() / 2) + 3, (int) Math.ceil(b.height() / 2) + 3);
        }
        String label = (p.label() == 0 ? "negative" : p.type().get().label() + " " + sites(p)) + String.format("  d=%.2f", difficulty);
        gr.setColor(Color.BLACK);
        gr.fillRect(ox, oy + TILE - 16, TILE, 16);
        gr.setColor(new Color(255, 230, 40));
        gr.drawString(label, ox + 4, oy + TILE - 4);
        gr.setColor(Color.BLACK);
        gr.drawRect(ox, oy, TILE - 1, TILE - 1);
    }

    private static String sites(Phantom p) {
        StringBuilder sb = new StringBuilder();
        for (FractureSite s : p.sites()) {
            if (sb.length() > 0) sb.append('+');
            sb.append(switch (s) {
                case FEMORAL_NECK -> "neck";
                case INTERTROCHANTERIC -> "intertroch.";
                case PUBIC_RAMUS -> "ramus";
                case ILIAC_WING -> "iliac wing";
                case ACETABULUM -> "acetabulum";
                case SACRUM -> "sacrum";
            });
        }
        return sb.toString();
    }
}
