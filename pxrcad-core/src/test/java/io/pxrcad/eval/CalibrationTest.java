package io.pxrcad.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {
    @Test
    void handComputedTwoBins() {
        // bin [0,0.5): 0.1 0.2 0.3, mean 0.2, 1/3 positive; bin [0.5,1]: 0.8 0.9, mean 0.85, all positive.
        BinaryScores data = BinaryScores.of(new double[]{0.1, 0.2, 0.8, 0.9, 0.3}, new int[]{0, 1, 1, 1, 0});
        Calibration c = Calibration.of(data, 2);
        assertThat(c.bins()).hasSize(2);
        assertThat(c.bins().get(0).count()).isEqualTo(3);
        assertThat(c.bins().get(0).meanPredicted()).isCloseTo(0.2, within(1e-12));
        assertThat(c.bins().get(0).fractionPositive()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(c.bins().get(1).meanPredicted()).isCloseTo(0.85, within(1e-12));
        assertThat(c.bins().get(1).fractionPositive()).isEqualTo(1.0);
        assertThat(c.ece()).isCloseTo(3.0 / 5 * (1.0 / 3 - 0.2) + 2.0 / 5 * 0.15, within(1e-12)); // 0.14
        assertThat(c.ece()).isCloseTo(0.14, within(1e-12));
        assertThat(c.brier()).isCloseTo(0.79 / 5, within(1e-12));
        assertThat(Calibration.brier(data)).isEqualTo(c.brier());
    }

    @Test
    void binEdgesFollowNumpyLinspaceAndEmptyBinsAreLeftOut() {
        // numpy: linspace(0,1,11)[3] = 0.30000000000000004 > 0.3, so 0.3 falls in bin [0.2,0.3).
        BinaryScores data = BinaryScores.of(new double[]{0.3, 1.0, 0.0}, new int[]{1, 1, 0});
        Calibration c = Calibration.of(data, 10);
        assertThat(c.bins()).extracting(ReliabilityBin::lower)
                .containsExactly(0.0, 0.2, 0.9);
        assertThat(c.bins().get(2).upper()).isEqualTo(1.0);
    }

    @Test
    void perfectlyCalibratedConstantHasZeroEce() {
        BinaryScores data = BinaryScores.of(new double[]{0.25, 0.25, 0.25, 0.25}, new int[]{1, 0, 0, 0});
        Calibration c = Calibration.of(data, 10);
        assertThat(c.ece()).isCloseTo(0, within(1e-15));
        assertThat(c.brier()).isCloseTo((0.75 * 0.75 + 3 * 0.0625) / 4, within(1e-15));
    }
}
