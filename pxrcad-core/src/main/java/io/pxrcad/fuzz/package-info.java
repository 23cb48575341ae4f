/**
 * Seeded mutation fuzzing of every input format ({@link io.pxrcad.fuzz.ImageFuzzer}, real seed
 * files from {@link io.pxrcad.fuzz.FuzzSeeds}, header rewrites in {@link io.pxrcad.fuzz.ImageHeaders}):
 * a tool above {@code image} and {@code dicom}, used by its test and by {@code pxrcad bench fuzz};
 * nothing in the method depends on it.
 */
package io.pxrcad.fuzz;
