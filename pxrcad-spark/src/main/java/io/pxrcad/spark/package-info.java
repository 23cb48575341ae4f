/**
 * Scoring image archives on Apache Spark (issue 16): the files of a directory tree become one
 * Parquet row each, scored by the core's inference seam ({@link io.pxrcad.infer.FractureDetector},
 * {@link io.pxrcad.infer.IsolatedScoring}) with one detector per executor JVM. Spark stays out of
 * the core: only this module imports it.
 */
package io.pxrcad.spark;
