package io.pxrcad.report;

import java.util.Arrays;
import java.util.Objects;

/** One image of a report gallery (e.g. a radiograph with heatmap and ROI overlay) with its caption. */
public record GalleryItem(String caption, byte[] png) {
    public GalleryItem {
        Objects.requireNonNull(caption, "caption");
        if (png == null || png.length < 8 || png[0] != (byte) 0x89 || png[1] != 'P' || png[2] != 'N' || png[3] != 'G') {
            throw new IllegalArgumentException("expected PNG bytes for gallery item '" + caption + "'");
        }
        png = png.clone();
    }

    @Override
    public byte[] png() { return png.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof GalleryItem g && g.caption.equals(caption) && Arrays.equals(g.png, png);
    }

    @Override
    public int hashCode() { return Objects.hash(caption, Arrays.hashCode(png)); }

    @Override
    public String toString() { return "GalleryItem[" + caption + ", " + png.length + " bytes]"; }
}
