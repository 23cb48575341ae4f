/**
 * The REST service of {@code pxrcad serve} (issue 15): {@link io.pxrcad.server.PredictionServer}
 * on Javalin over the inference seam of {@code io.pxrcad.infer} (one {@code FractureDetector},
 * uploads decoded with {@code ImageInput.of(name, bytes, mediaType)}, results as
 * {@code DetectionJson}). Depends on {@code pxrcad-core} only; the CLI starts it.
 */
package io.pxrcad.server;
