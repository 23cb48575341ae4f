package io.pxrcad.report;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** PNG bytes of a rendered picture (charts, overlays), for files and for embedding in reports. */
public final class Png {
    private Png() {}

    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a memory cache, not ImageIO's default file cache: that one registers a shutdown hook per
        // stream and fails once the JVM is stopping, when the service still answers what it took
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            if (!ImageIO.write(image, "png", stream)) throw new IllegalStateException("no PNG writer in this Java");
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: only a broken encoder gets here
        }
        return out.toByteArray();
    }
}
