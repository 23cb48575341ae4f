/**
 * Image input and preprocessing: decoding PNG / JPEG / TIFF (and, through registered
 * {@link io.pxrcad.image.RadiographDecoder}s, DICOM) into {@link io.pxrcad.Radiograph};
 * percentile intensity scaling, resizing and ImageNet normalisation into the model input
 * (METHOD.md "Input"); seeded training augmentation; and {@link io.pxrcad.image.Geometry},
 * which maps points and boxes between original pixels, the model input and the
 * probability-map grid. Plain Java arrays, no DJL.
 */
package io.pxrcad.image;
