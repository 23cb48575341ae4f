/**
 * Synthetic frontal pelvic radiographs ("phantoms") with known fractures, for tests, the
 * demo and a controlled benchmark of the method (Wang et al., MICCAI 2019): a localised
 * fracture in a large, complex image.
 *
 * <p>A phantom is drawn as a projection: line integrals of attenuation through soft tissue
 * (with bowel gas) and bone (lower lumbar spine, sacrum with foramina, iliac wings with
 * cortical rims, acetabula, pubic and ischial rami around the obturator foramina, femoral
 * heads, necks, trochanters and shafts with medullary canals), then a detector model (tone,
 * blur, noise, collimation, side marker). Fractures (femoral neck, intertrochanteric, pubic
 * ramus, iliac wing, acetabulum, sacrum) are local changes of the bone projection: an
 * irregular lucent break line, displacement, angulation and an impaction band; their
 * subtlety is set by {@link io.pxrcad.phantom.PhantomConfig#difficulty()}. Fracture mimics
 * (vascular grooves, nutrient canals, skin folds, bowel-gas edges) appear on every image.
 *
 * <p>API: {@link io.pxrcad.phantom.PhantomConfig}, {@link io.pxrcad.phantom.PhantomGenerator}
 * (case {@code i} of a cohort, deterministic from {@code (seed, i)}, also without its
 * fracture), {@link io.pxrcad.phantom.Phantom}, {@link io.pxrcad.phantom.CohortWriter}
 * (images + manifest) and {@link io.pxrcad.phantom.ContactSheet}.
 */
package io.pxrcad.phantom;
