package io.pxrcad.report;

import io.pxrcad.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A rendered plot: the same chart as PNG (for HTML embedding, at twice the nominal size for
 * sharp display) and as SVG (for papers). Immutable; the bytes are copied.
 */
public record Figure(String name, int width, int height, byte[] png, String svg) {
    public Figure {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("figure name must be a plain file name but was '" + name + "'");
        }
        png = png.clone();
    }

    @Override
    public byte[] png() { return png.clone(); }

    /** Writes {@code dir/name.png} and {@code dir/name.svg} atomically; returns the PNG path. */
    public Path write(Path dir) throws IOException {
        Path png = dir.resolve(name + ".png");
        AtomicFiles.writeBytes(png, this.png);
        AtomicFiles.write(dir.resolve(name + ".svg"), out -> out.write(svg.getBytes(StandardCharsets.UTF_8)));
        return png;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Figure f && f.name.equals(name) && f.width == width && f.height == height
                && Arrays.equals(f.png, png) && f.svg.equals(svg);
    }

    @Override
    public int hashCode() { return Objects.hash(name, width, height, Arrays.hashCode(png), svg); }

    @Override
    public String toString() { return "Figure[" + name + ", " + width + "x" + height + ", png " + png.length + " bytes]"; }
}
