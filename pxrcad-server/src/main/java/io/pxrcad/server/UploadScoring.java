package io.pxrcad.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.DataException;
import io.pxrcad.Radiograph;
import io.pxrcad.UnsupportedImageException;
import io.pxrcad.image.ImageTooLargeException;
import io.pxrcad.infer.Detection;
import io.pxrcad.infer.DetectionJson;
import io.pxrcad.infer.FractureDetector;
import io.pxrcad.infer.ImageInput;
import io.pxrcad.report.HeatmapOverlay;
import io.pxrcad.report.Png;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;

/**
 * Scores one upload on a worker: decode, the chained pass, and the pictures, each step timed.
 * It decodes itself instead of calling {@link io.pxrcad.infer.IsolatedScoring}, which turns a
 * failure into a message: the service needs the failure's kind for its status (413 over the
 * pixel limit, 415 for an unknown format, 400 for a corrupt file). Scoring is then
 * {@link FractureDetector#detect(Radiograph)}, what {@code predict} runs.
 */
final class UploadScoring {
    /** Longest side of the overlay picture, as {@code predict --heatmaps} draws it. */
    static final int OVERLAY_SIDE = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(UploadScoring.class);

    private UploadScoring() {}

    /**
     * @param queuedNanos {@link System#nanoTime()} when the upload was queued
     * @throws ApiException 400, 413 or 415 for an image the service cannot read
     */
    static StoredPrediction score(FractureDetector detector, ModelInfo model, String id, byte[] body, String mediaType,
                                  long queuedNanos) {
        long t0 = System.nanoTime();
        Radiograph image = decode(ImageInput.of(id, body, mediaType));
        long t1 = System.nanoTime();
        Detection d;
        try {
            d = detector.detect(image);
        } catch (OutOfMemoryError e) {
            throw ApiException.tooLarge("not enough memory to score an image of " + image.width() + " x " + image.height()
                    + " pixels");
        }
        long t2 = System.nanoTime();
        byte[] overlay = Png.encode(HeatmapOverlay.render(image, d.map(), d.roi(), HeatmapOverlay.caption(d), OVERLAY_SIDE));
        byte[] heatmap = HeatmapPng.encode(d.map());
        byte[] radiograph = RadiographPng.encode(image, detector.artifact().metadata().info().preprocessing());
        long t3 = System.nanoTime();

        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.set("model", model.summary());
        json.set("detection", DetectionJson.of(id, d));
        ObjectNode timings = json.putObject("timings");
        timings.put("queueMs", millis(t0 - queuedNanos));
        timings.put("decodeMs", millis(t1 - t0));
        timings.put("inferenceMs", millis(t2 - t1));
        timings.put("renderMs", millis(t3 - t2));
        ObjectNode links = json.putObject("links");
        links.put("self", Routes.prediction(id));
        links.put("overlay", Routes.prediction(id) + "/overlay.png");
        links.put("heatmap", Routes.prediction(id) + "/heatmap.png");
        links.put("image", Routes.prediction(id) + "/image.png");
        return new StoredPrediction(id, json, overlay, heatmap, radiograph);
    }

    /** The image, or the client's error with the decoder's one-line reason. */
    static Radiograph decode(ImageInput input) {
        try {
            return input.reader().get();
        } catch (ImageTooLargeException e) {
            throw ApiException.tooLarge(e.getMessage());
        } catch (UnsupportedImageException e) {
            throw ApiException.unsupported(e.getMessage());
        } catch (DataException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (UncheckedIOException e) {
            throw ApiException.badRequest("cannot read " + input.name() + ": " + e.getCause().getMessage());
        } catch (OutOfMemoryError e) {
            throw ApiException.tooLarge("not enough memory to decode " + input.name());
        } catch (RuntimeException e) {
            // a decoder that trips over malformed content: still the content's fault, not the server's; its
            // message may name classes, so the client gets a plain one and the log the rest
            LOG.info("upload {}: decoder failed: {}", input.name(), e.toString());
            throw ApiException.badRequest("cannot read " + input.name() + ": malformed image data");
        }
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }
}
