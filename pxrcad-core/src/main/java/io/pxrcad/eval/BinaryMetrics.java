package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.util.List;

/**
 * Every scalar metric of one score set (METHOD.md "Evaluation"), serialised by Jackson with
 * snake_case names: {@code auc, auc_ci95 ([low, high], DeLong), delong_variance, s_at_r95,
 * threshold_r95, r_at_s95, threshold_s95, p_at_r95, average_precision, brier, ece}.
 * {@code brier}, {@code ece} are null when the scores are not probabilities in [0,1]
 * (e.g. logits); {@code threshold_s95} is {@code null} in JSON ({@code +Infinity} here) if no score reaches 95%
 * specificity.
 */
@JsonPropertyOrder({"n", "positives", "negatives", "auc", "auc_ci95", "delong_variance", "s_at_r95", "threshold_r95",
        "r_at_s95", "threshold_s95", "p_at_r95", "average_precision", "brier", "ece", "ece_bins"})
public record BinaryMetrics(
        @JsonProperty("n") int n,
        @JsonProperty("positives") int positives,
        @JsonProperty("negatives") int negatives,
        @JsonProperty("auc") double auc,
        @JsonProperty("auc_ci95") List<Double> aucCi95,
        @JsonProperty("delong_variance") double delongVariance,
        @JsonProperty("s_at_r95") double sAtR95,
        @JsonProperty("threshold_r95") double thresholdR95,
        @JsonProperty("r_at_s95") double rAtS95,
        @JsonProperty("threshold_s95") @JsonSerialize(using = InfiniteAsNull.Writer.class)
        @JsonDeserialize(using = InfiniteAsNull.Reader.class) double thresholdS95,
        @JsonProperty("p_at_r95") double pAtR95,
        @JsonProperty("average_precision") double averagePrecision,
        @JsonProperty("brier") Double brier,
        @JsonProperty("ece") Double ece,
        @JsonProperty("ece_bins") int eceBins) {

    /** The recall and specificity target of the operating points (METHOD.md: 95%). */
    public static final double TARGET = 0.95;

    public BinaryMetrics {
        if (n != positives + negatives) {
            throw new IllegalArgumentException("n must equal positives + negatives but was " + n + " != "
                    + positives + " + " + negatives);
        }
        if (aucCi95 == null || aucCi95.size() != 2) {
            throw new IllegalArgumentException("auc_ci95 must hold [low, high] but was " + aucCi95);
        }
        aucCi95 = List.copyOf(aucCi95);
    }

    /** All metrics with {@value Calibration#DEFAULT_BINS} calibration bins. Needs both classes. */
    public static BinaryMetrics of(BinaryScores data) {
        return of(data, Calibration.DEFAULT_BINS);
    }

    public static BinaryMetrics of(BinaryScores data, int eceBins) {
        data.requireBothClasses("AUC");
        AucEstimate auc = DeLong.estimate(data);
        double trapezoidAuc = RocCurve.of(data).auc();
        OperatingPoint r95 = OperatingPoint.atRecall(data, TARGET);
        OperatingPoint s95 = OperatingPoint.atSpecificity(data, TARGET);
        Double brier = null;
        Double ece = null;
        if (data.areProbabilities()) {
            Calibration cal = Calibration.of(data, eceBins);
            brier = cal.brier();
            ece = cal.ece();
        }
        return new BinaryMetrics(data.size(), data.positives(), data.negatives(), trapezoidAuc,
                List.of(auc.ciLow(), auc.ciHigh()), auc.variance(), r95.specificity(), r95.threshold(),
                s95.sensitivity(), s95.threshold(), r95.precision(), PrCurve.of(data).averagePrecision(),
                brier, ece, eceBins);
    }

    public double aucCiLow() { return aucCi95.get(0); }
    public double aucCiHigh() { return aucCi95.get(1); }
}
