/**
 * Image input and preprocessing: decoding PNG / JPEG / TIFF (and, through registered
 * {@link io.pxrcad.image.RadiographDecoder}s, DICOM) into {@link io.pxrcad.Radiograph};
 * percentile intensity scaling, resizing and ImageNet normalisation into the model input
 * (METHOD.md "Input"); seeded training augmentation; and {@link io.pxrcad.image.Geometry},
 * which maps points and boxes between original pixels, the model input and the
 * probability-map grid. Plain Java arrays, no DJL.
 *
 * <p>Hostile input: every decoder checks the size its header declares against
 * {@link io.pxrcad.image.ImageLimits} (50 megapixels unless {@code -Dpxrcad.maxPixels=N})
 * before it decodes a pixel, and refuses with an {@link io.pxrcad.image.ImageTooLargeException}
 * naming the file, the size and the limit. {@code io.pxrcad.fuzz.ImageFuzzer} (also {@code
 * pxrcad bench fuzz}) checks with seeded mutations of real files that every input ends in a
 * radiograph or a typed {@link io.pxrcad.DataException}.
 */
package io.pxrcad.image;
