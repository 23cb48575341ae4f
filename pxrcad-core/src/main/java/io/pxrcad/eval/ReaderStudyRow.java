package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One row of the reader-study table (paper Table 2): the system, a reader, a specialty (the
 * average of its readers) or all readers' average, each metric with a bootstrap 95% CI.
 *
 * @param kind     {@code system}, {@code reader}, {@code specialty} or {@code average}
 * @param readers  readers averaged in this row (0 for the system)
 * @param images   images answered (per reader, the most any of them answered)
 */
public record ReaderStudyRow(
        @JsonProperty("name") String name,
        @JsonProperty("kind") String kind,
        @JsonProperty("specialty") String specialty,
        @JsonProperty("readers") int readers,
        @JsonProperty("images") int images,
        @JsonProperty("accuracy") ConfidenceInterval accuracy,
        @JsonProperty("hip_sensitivity") ConfidenceInterval hipSensitivity,
        @JsonProperty("hip_specificity") ConfidenceInterval hipSpecificity,
        @JsonProperty("pelvic_sensitivity") ConfidenceInterval pelvicSensitivity,
        @JsonProperty("pelvic_specificity") ConfidenceInterval pelvicSpecificity) {
}
