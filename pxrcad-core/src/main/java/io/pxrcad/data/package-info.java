/**
 * The data of an experiment: the {@link io.pxrcad.data.Manifest} (a validated CSV of images,
 * patients, labels, fracture types and boxes), patient-grouped stratified splits
 * ({@link io.pxrcad.data.KFoldSplitter}, METHOD.md "Evaluation"), and run provenance
 * ({@link io.pxrcad.data.RunInfo}, {@code run.json}).
 */
package io.pxrcad.data;
