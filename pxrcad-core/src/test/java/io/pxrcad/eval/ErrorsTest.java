package io.pxrcad.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrorsTest {
    @Test
    void lengthMismatchIsACallerMistakeWithBothLengths() {
        assertThatThrownBy(() -> BinaryScores.of(new double[]{0.1, 0.2}, new int[]{1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected as many scores as labels but got 2 scores and 1 labels");
    }

    @Test
    void nanScoreIsADataErrorWithItsIndex() {
        assertThatThrownBy(() -> BinaryScores.of(new float[]{0.1f, Float.NaN}, new int[]{0, 1}))
                .isInstanceOf(InvalidScoresException.class)
                .isInstanceOf(io.pxrcad.DataException.class)
                .hasMessage("expected a finite score but was NaN at index 1");
    }

    @Test
    void labelOtherThanZeroOrOne() {
        assertThatThrownBy(() -> BinaryScores.of(new double[]{0.1, 0.2}, new int[]{0, 2}))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("expected label 0 or 1 but was 2 at index 1");
    }

    @Test
    void oneClassSaysWhatItGot() {
        BinaryScores data = BinaryScores.of(new double[]{0.1, 0.2, 0.3}, new int[]{1, 1, 1});
        assertThatThrownBy(() -> BinaryMetrics.of(data))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessage("AUC is undefined with only one class: expected positive and negative labels but got "
                        + "3 positive and 0 negative of 3");
        assertThatThrownBy(() -> OperatingPoint.atRecall(data, 0.95)).isInstanceOf(InvalidScoresException.class);
        assertThatThrownBy(() -> PrCurve.of(BinaryScores.of(new double[]{0.1}, new int[]{0})))
                .isInstanceOf(InvalidScoresException.class).hasMessageContaining("without positives");
    }

    @Test
    void calibrationNeedsProbabilities() {
        BinaryScores logits = BinaryScores.of(new double[]{-2.0, 0.5}, new int[]{0, 1});
        assertThatThrownBy(() -> Calibration.of(logits, 10))
                .isInstanceOf(InvalidScoresException.class)
                .hasMessageContaining("expected a score in [0,1] but was -2.0 at index 0");
        assertThatThrownBy(() -> Calibration.of(logits, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pairedTestNeedsTheSameImages() {
        BinaryScores a = BinaryScores.of(new double[]{0.1, 0.9}, new int[]{0, 1});
        BinaryScores b = BinaryScores.of(new double[]{0.1, 0.9, 0.5}, new int[]{0, 1, 1});
        BinaryScores c = BinaryScores.of(new double[]{0.1, 0.9}, new int[]{1, 0});
        assertThatThrownBy(() -> DeLong.compare(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 and 3");
        assertThatThrownBy(() -> DeLong.compare(a, c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same labels");
    }
}
