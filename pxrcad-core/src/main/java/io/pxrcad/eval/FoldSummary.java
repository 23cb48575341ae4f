package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Metrics of one method over cross-validation folds, as Table 1 reports them: per fold, mean
 * +- sd over folds, and pooled (all folds' test scores concatenated, then measured once).
 */
@JsonPropertyOrder({"auc", "s_at_r95", "r_at_s95", "p_at_r95", "average_precision", "pooled", "folds"})
public record FoldSummary(
        @JsonProperty("folds") List<BinaryMetrics> folds,
        @JsonProperty("auc") MeanSd auc,
        @JsonProperty("s_at_r95") MeanSd sAtR95,
        @JsonProperty("r_at_s95") MeanSd rAtS95,
        @JsonProperty("p_at_r95") MeanSd pAtR95,
        @JsonProperty("average_precision") MeanSd averagePrecision,
        @JsonProperty("pooled") BinaryMetrics pooled) {

    public FoldSummary {
        folds = List.copyOf(folds);
        if (folds.isEmpty()) throw new IllegalArgumentException("expected at least one fold but got none");
    }

    /** Measures every fold and the pooled set. Each fold needs both classes. */
    public static FoldSummary of(List<BinaryScores> foldScores) {
        if (foldScores.isEmpty()) throw new IllegalArgumentException("expected at least one fold but got none");
        List<BinaryMetrics> folds = new ArrayList<>();
        for (BinaryScores f : foldScores) folds.add(BinaryMetrics.of(f));
        return new FoldSummary(folds, over(folds, BinaryMetrics::auc), over(folds, BinaryMetrics::sAtR95),
                over(folds, BinaryMetrics::rAtS95), over(folds, BinaryMetrics::pAtR95),
                over(folds, BinaryMetrics::averagePrecision), BinaryMetrics.of(pool(foldScores)));
    }

    /** The folds' scores and labels concatenated in fold order. */
    public static BinaryScores pool(List<BinaryScores> foldScores) {
        int n = foldScores.stream().mapToInt(BinaryScores::size).sum();
        double[] s = new double[n];
        int[] l = new int[n];
        int k = 0;
        for (BinaryScores f : foldScores) {
            System.arraycopy(f.scoresView(), 0, s, k, f.size());
            System.arraycopy(f.labelsView(), 0, l, k, f.size());
            k += f.size();
        }
        return BinaryScores.trusted(s, l);
    }

    private static MeanSd over(List<BinaryMetrics> folds, ToDoubleFunction<BinaryMetrics> metric) {
        return MeanSd.of(folds.stream().mapToDouble(metric).toArray());
    }
}
