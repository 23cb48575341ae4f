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
import io.pxrcad.pacs.Algorithm;
import io.pxrcad.pacs.DicomResults;
import io.pxrcad.pacs.SourceImage;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.report.DisplayImage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a batch of uploads on a worker: decode, the chained pass, and the display image the
 * pictures are drawn from (when fetched: {@link Pictures}), each step timed.
 * It decodes itself instead of calling {@link io.pxrcad.infer.IsolatedScoring}, which turns a
 * failure into a message: the service needs the failure's kind for its status (413 over the
 * pixel limit, 415 for an unknown format, 400 for a corrupt file). Scoring is then
 * {@link FractureDetector#detect(List, int)}, what {@code predict --batch-size} runs.
 */
final class UploadScoring {
    private static final Logger LOG = LoggerFactory.getLogger(UploadScoring.class);

    private UploadScoring() {}

    /**
     * Scores a batch and answers each upload: decoded one by one (a file that cannot be read gets
     * its client error and leaves the others in the batch), then one chained pass over the images,
     * then the pictures. Never throws; a failure of the service itself fails every upload left.
     */
    static void score(FractureDetector detector, ModelInfo model, List<Upload> batch) {
        try {
            long t0 = System.nanoTime();
            List<Upload> readable = new ArrayList<>(batch.size());
            List<Radiograph> images = new ArrayList<>(batch.size());
            for (Upload u : batch) {
                try {
                    images.add(decode(ImageInput.of(u.id(), u.body(), u.mediaType())));
                    readable.add(u);
                } catch (ApiException e) {
                    u.result().completeExceptionally(e);
                }
            }
            if (readable.isEmpty()) return;
            long t1 = System.nanoTime();
            List<Detection> detections;
            try {
                detections = detector.detect(images, images.size());
            } catch (OutOfMemoryError e) {
                ApiException tooLarge = ApiException.tooLarge("not enough memory to score "
                        + (images.size() == 1 ? "an image of " + images.get(0).width() + " x " + images.get(0).height() + " pixels"
                        : "a batch of " + images.size() + " images"));
                readable.forEach(u -> u.result().completeExceptionally(tooLarge));
                return;
            }
            long t2 = System.nanoTime();
            Preprocessor display = new Preprocessor(detector.artifact().metadata().info().preprocessing());
            for (int i = 0; i < readable.size(); i++) {
                Upload u = readable.get(i);
                long r0 = System.nanoTime();
                Detection d = detections.get(i);
                Pictures pictures = new Pictures(DisplayImage.of(images.get(i), display, Pictures.MAX_SIDE), d);
                DicomResults.Results dicom = u.dicomOutput()
                        ? DicomResults.write(d, SourceImage.of(u.body(), images.get(i)), Algorithm.of(detector.artifact())) : null;
                Timings timings = new Timings(millis(t0 - u.queuedNanos()), millis(t1 - t0) / readable.size(), millis(t2 - t1),
                        millis(System.nanoTime() - r0), readable.size());
                u.result().complete(new StoredPrediction(u.id(), json(model, u.id(), d, timings), pictures, dicom));
            }
        } catch (RuntimeException | Error e) {
            batch.forEach(u -> u.result().completeExceptionally(e));
        }
    }

    /** Milliseconds per step; decoding is the batch's mean, inference the whole batch's pass. */
    private record Timings(double queueMs, double decodeMs, double inferenceMs, double renderMs, int batchSize) {}

    private static ObjectNode json(ModelInfo model, String id, Detection d, Timings t) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("id", id);
        json.set("model", model.summary());
        json.set("detection", DetectionJson.of(id, d));
        ObjectNode timings = json.putObject("timings");
        timings.put("queueMs", t.queueMs());
        timings.put("decodeMs", Math.round(t.decodeMs() * 10) / 10.0);
        timings.put("inferenceMs", t.inferenceMs());
        timings.put("renderMs", t.renderMs());
        timings.put("batchSize", t.batchSize());
        ObjectNode links = json.putObject("links");
        links.put("self", Routes.prediction(id));
        links.put("overlay", Routes.prediction(id) + "/overlay.png");
        links.put("heatmap", Routes.prediction(id) + "/heatmap.png");
        links.put("image", Routes.prediction(id) + "/image.png");
        return json;
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
