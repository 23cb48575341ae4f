package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * System vs reader average on the same images: {@code difference} of accuracies (system minus
 * readers), its stratified bootstrap 95% CI, and the two-sided p-value of a paired sign-flip
 * permutation test (see {@link ReaderStudy#compare}).
 */
public record PairedComparison(
        @JsonProperty("statistic") String statistic,
        @JsonProperty("difference") double difference,
        @JsonProperty("ci95") ConfidenceInterval ci95,
        @JsonProperty("p_value") double pValue,
        @JsonProperty("permutations") int permutations,
        @JsonProperty("method") String method) {
}
