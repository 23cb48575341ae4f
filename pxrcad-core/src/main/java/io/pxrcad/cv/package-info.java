/**
 * Cross-validation of the methods of the paper's Table 1 on the same folds (METHOD.md
 * "Evaluation"): {@link io.pxrcad.cv.CvFolds} (patient-grouped, stratified, every part with both
 * classes), {@link io.pxrcad.cv.CvLayout} (where each fold's runs and score files live, what is
 * left to do), {@link io.pxrcad.cv.CrossValidation} (trains and scores the pending jobs, then
 * computes {@link io.pxrcad.eval.Table1}). Sits above {@code train} and {@code infer}, which it
 * drives, and below {@code report}, which renders the table from {@code eval} records alone.
 */
package io.pxrcad.cv;
