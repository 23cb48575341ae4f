/**
 * Inference with a trained two-stage model (Wang et al., MICCAI 2019, "chained inference"):
 * {@link io.pxrcad.infer.FractureDetector} loads a model artifact and, for each radiograph,
 * computes the stage-1 probability map, {@code ps1 = max p} at the argmax cell, the ROI around
 * that cell, the stage-2 probability {@code ps2} and type on the ROI, and the final probability
 * {@code ps1 * ps2} with its reading {@link io.pxrcad.infer.Band}, and whether the image is one the
 * model was made for (DICOM header, blank image, stage-1 features against the training images';
 * an image that is not gets the band {@code out-of-scope}). Results are plain records
 * ({@link io.pxrcad.infer.Detection}); no {@code NDArray} leaves this package.
 * {@link io.pxrcad.infer.ImageClassifier} scores images with a one-network artifact (the
 * image-level baselines of Table 1).
 */
package io.pxrcad.infer;
