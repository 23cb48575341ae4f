package io.pxrcad.server;

import io.pxrcad.infer.Detection;
import io.pxrcad.report.DisplayImage;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.Png;

import java.util.List;

/**
 * The pictures of one answered upload, each drawn and encoded when it is first fetched and kept
 * after that: a client of the API alone fetches none of them, the viewer two of three, and PNG
 * encoding of a 1024-pixel picture costs more than the chained pass of a small model. All are
 * drawn from one {@link DisplayImage} made when the upload was scored, so the radiograph is
 * intensity-scaled and resized once, and the decoded original need not be kept. Thread-safe.
 */
final class Pictures {
    /** Longest side of the overlay and of the radiograph picture, as {@code predict --heatmaps} draws it. */
    static final int MAX_SIDE = 1024;

    private final DisplayImage display;
    private final Detection detection;
    private byte[] overlay;
    private byte[] heatmap;
    private byte[] image;

    Pictures(DisplayImage display, Detection detection) {
        this.display = display;
        this.detection = detection;
    }

    /** The radiograph with the heatmap, the ROI box and the caption. */
    synchronized byte[] overlayPng() {
        if (overlay == null) {
            overlay = Png.encode(HeatmapOverlay.render(display, detection.map(), detection.roi(), List.of(),
                    HeatmapOverlay.caption(detection), MAX_SIDE));
        }
        return overlay;
    }

    /** The raw map ({@link HeatmapPng}). */
    synchronized byte[] heatmapPng() {
        if (heatmap == null) heatmap = HeatmapPng.encode(detection.map());
        return heatmap;
    }

    /** The radiograph alone ({@link RadiographPng}). */
    synchronized byte[] imagePng() {
        if (image == null) image = RadiographPng.encode(display);
        return image;
    }
}
