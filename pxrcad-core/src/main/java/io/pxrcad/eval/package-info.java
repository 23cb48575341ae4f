/**
 * Evaluation (METHOD.md "Evaluation"), layered as in Tribuo: pure metric functions over
 * arrays, immutable results, summaries over folds; rendering lives in {@code io.pxrcad.report}.
 *
 * <ul>
 *   <li>Input: {@link io.pxrcad.eval.BinaryScores} (validated {@code float[]}/{@code double[]}
 *       scores and {@code int[]} 0/1 labels; positive when {@code score >= threshold}), read
 *       from CSV by {@link io.pxrcad.eval.ScoresCsv}.</li>
 *   <li>Curves and areas with scikit-learn's conventions: {@link io.pxrcad.eval.RocCurve}
 *       ({@code roc_curve}, leading {@code +Infinity} threshold), {@link io.pxrcad.eval.PrCurve}
 *       ({@code precision_recall_curve}, average precision), {@link io.pxrcad.eval.Trapezoid}.</li>
 *   <li>Uncertainty: {@link io.pxrcad.eval.DeLong} (AUC variance, 95% CI, paired test; fast
 *       midrank algorithm of Sun and Xu 2014), {@link io.pxrcad.eval.Bootstrap} (seeded,
 *       stratified, percentile) for any metric.</li>
 *   <li>Operating points: {@link io.pxrcad.eval.OperatingPoint} (S@R95, R@S95, P@R95 and their
 *       thresholds), {@link io.pxrcad.eval.ConfusionCounts} at a threshold;
 *       {@link io.pxrcad.eval.Calibration} (ECE, reliability curve, Brier).</li>
 *   <li>Results: {@link io.pxrcad.eval.BinaryMetrics} (one score set, JSON with snake_case keys),
 *       {@link io.pxrcad.eval.FoldSummary} (mean ± sd over folds and pooled),
 *       {@link io.pxrcad.eval.Table1} (Table 1 from every method's {@link io.pxrcad.eval.FoldScores}:
 *       pooled folds, DeLong against the proposed method, {@link io.pxrcad.eval.Localisation}),
 *       {@link io.pxrcad.eval.EvaluationSummary} (evaluate's {@code metrics.json}).</li>
 *   <li>Reader study (Table 2): {@link io.pxrcad.eval.ReaderStudy} over
 *       {@link io.pxrcad.eval.FractureAnswer}s, reads from {@link io.pxrcad.eval.ReadsCsv}.</li>
 * </ul>
 *
 * Errors: unequal lengths are caller mistakes ({@link java.lang.IllegalArgumentException});
 * NaN scores, labels other than 0/1, one-class sets and bad files are data problems
 * ({@link io.pxrcad.eval.InvalidScoresException}, {@link io.pxrcad.eval.InvalidReadsException}).
 * No DJL here: the package holds numbers only.
 */
package io.pxrcad.eval;
