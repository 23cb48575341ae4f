package io.pxrcad.server;

import java.util.concurrent.CompletableFuture;

/**
 * An accepted upload waiting for its answer: the image's bytes as the client sent them, and the
 * future a worker completes with the prediction or with the client's error ({@link ApiException}).
 *
 * @param dicomOutput whether the client asked for the result as DICOM too ({@code ?output=dicom})
 * @param queuedNanos {@link System#nanoTime()} when it was queued
 */
record Upload(String id, byte[] body, String mediaType, boolean dicomOutput, long queuedNanos,
              CompletableFuture<StoredPrediction> result) {
    static Upload of(String id, byte[] body, String mediaType, boolean dicomOutput) {
        return new Upload(id, body, mediaType, dicomOutput, System.nanoTime(), new CompletableFuture<>());
    }
}
