package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlateauSchedulerTest {

    @Test
    void patienceFiveLowersOnTheSixthEpochWithoutImprovement() {
        PlateauScheduler s = new PlateauScheduler(1e-5, 5, 0.1);
        assertThat(s.step(1.0)).isEqualTo(1e-5);
        for (int k = 1; k <= 5; k++) {
            assertThat(s.step(1.0)).as("bad epoch %d", k).isEqualTo(1e-5); // equal is not better (threshold 0)
        }
        assertThat(s.step(1.5)).isEqualTo(1e-5 * 0.1);
        assertThat(s.state().badEpochs()).isZero();
        assertThat(s.state().bestLoss()).isEqualTo(1.0);
        // counter restarts: five more bad epochs tolerated, the sixth lowers again
        for (int k = 1; k <= 5; k++) {
            assertThat(s.step(2.0)).isEqualTo(1e-5 * 0.1); // old * factor in double, as torch does
        }
        assertThat(s.step(2.0)).isEqualTo(1e-5 * 0.1 * 0.1);
    }

    @Test
    void improvementResetsTheCounter() {
        PlateauScheduler s = new PlateauScheduler(0.1, 2, 0.5);
        s.step(1.0);
        s.step(1.1);
        s.step(1.2);
        assertThat(s.step(0.9)).isEqualTo(0.1); // improved before exceeding patience
        s.step(0.95);
        s.step(0.95);
        assertThat(s.step(0.95)).isEqualTo(0.05);
    }

    @Test
    void nanIsNeverAnImprovement() {
        PlateauScheduler s = new PlateauScheduler(0.1, 0, 0.5);
        assertThat(s.step(Double.NaN)).isEqualTo(0.05);
        assertThat(s.state().bestLoss()).isNull();
        assertThat(s.step(3.0)).isEqualTo(0.05);
        assertThat(s.step(Double.NaN)).isEqualTo(0.025);
    }

    @Test
    void reductionBelowEpsIsSkipped() {
        PlateauScheduler s = new PlateauScheduler(1e-8, 0, 0.1);
        s.step(1.0);
        assertThat(s.step(1.0)).isEqualTo(1e-8);
    }

    @Test
    void resumedFromStateContinuesIdentically() {
        double[] losses = {1.0, 0.8, 0.9, 0.85, 0.81, 0.82, 0.7, 0.75, 0.76, 0.77, 0.78};
        PlateauScheduler straight = new PlateauScheduler(1e-3, 2, 0.1);
        PlateauScheduler first = new PlateauScheduler(1e-3, 2, 0.1);
        for (int k = 0; k < 5; k++) {
            straight.step(losses[k]);
            first.step(losses[k]);
        }
        PlateauScheduler resumed = new PlateauScheduler(first.state(), 2, 0.1);
        for (int k = 5; k < losses.length; k++) {
            assertThat(resumed.step(losses[k])).isEqualTo(straight.step(losses[k]));
        }
        assertThat(resumed.state()).isEqualTo(straight.state());
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new PlateauScheduler(0, 5, 0.1)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new PlateauScheduler(1e-5, -1, 0.1)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new PlateauScheduler(1e-5, 5, 1)).hasMessageContaining("factor");
    }
}
