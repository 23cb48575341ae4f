package io.pxrcad.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The reader study (paper Table 2): one row per system, reader, specialty and the reader average, and the test. */
public record ReaderStudyResult(
        @JsonProperty("rows") List<ReaderStudyRow> rows,
        @JsonProperty("system_vs_readers") PairedComparison systemVsReaders) {
    public ReaderStudyResult {
        rows = List.copyOf(rows);
    }
}
