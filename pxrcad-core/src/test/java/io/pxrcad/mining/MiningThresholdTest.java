package io.pxrcad.mining;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MiningThresholdTest {

    private static double sensitivity(float[] scores, float t) {
        int above = 0;
        for (float s : scores) {
            if (s > t) {
                above++;
            }
        }
        return (double) above / scores.length;
    }

    @Test
    void hundredDistinctPositivesKeepExactly99Above() {
        float[] scores = new float[100];
        for (int k = 0; k < 100; k++) {
            scores[k] = (k + 1) / 100f; // 0.01 .. 1.00, shuffled below
        }
        shuffle(scores, 7);
        float t = MiningThreshold.of(scores);
        assertThat(sensitivity(scores, t)).isEqualTo(0.99);
        // the lowest positive (0.01) is the one given up; p_hat is just below the second lowest
        assertThat(t).isLessThan(0.02f).isGreaterThanOrEqualTo(0.01f);
        assertThat(Math.nextUp(t)).isEqualTo(0.02f);
    }

    @Test
    void largestThreshold_anyHigherLosesSensitivity() {
        Random r = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + r.nextInt(300);
            float[] scores = new float[n];
            for (int k = 0; k < n; k++) {
                scores[k] = r.nextInt(20) / 19f; // many ties
            }
            double target = 0.5 + 0.5 * r.nextDouble();
            float t = MiningThreshold.of(scores, target);
            assertThat(sensitivity(scores, t)).as("n=%d target=%f", n, target).isGreaterThanOrEqualTo(target - 1e-12);
            assertThat(sensitivity(scores, Math.nextUp(t))).isLessThan(target);
        }
    }

    @Test
    void tiesAtTheCutAllStayAbove() {
        // 100 positives: 3 at 0.2, 97 at 0.9. 99% needs 99 above, so the cut is at 0.2 and all 100 stay above
        float[] scores = new float[100];
        java.util.Arrays.fill(scores, 0.9f);
        scores[10] = scores[50] = scores[99] = 0.2f;
        float t = MiningThreshold.of(scores);
        assertThat(t).isEqualTo(Math.nextDown(0.2f));
        assertThat(sensitivity(scores, t)).isEqualTo(1.0);
    }

    @Test
    void onePositiveGivesJustBelowIt() {
        assertThat(MiningThreshold.of(new float[] {0.7f})).isEqualTo(Math.nextDown(0.7f));
        assertThat(MiningThreshold.of(new float[] {0f})).isLessThan(0f);
    }

    @Test
    void fullSensitivityIsBelowTheMinimum() {
        assertThat(MiningThreshold.of(new float[] {0.4f, 0.3f, 0.8f}, 1.0)).isEqualTo(Math.nextDown(0.3f));
    }

    @Test
    void noPositivesIsAClearError() {
        assertThatThrownBy(() -> MiningThreshold.of(new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one positive");
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> MiningThreshold.of(new float[] {0.5f}, 0)).hasMessageContaining("sensitivity");
        assertThatThrownBy(() -> MiningThreshold.of(new float[] {0.5f}, 1.01)).hasMessageContaining("sensitivity");
        assertThatThrownBy(() -> MiningThreshold.of(new float[] {0.5f, Float.NaN})).hasMessageContaining("positive 1");
    }

    @Test
    void requiredPositivesDoesNotOvershootOnRounding() {
        assertThat(MiningThreshold.requiredPositives(100, 0.99)).isEqualTo(99);
        assertThat(MiningThreshold.requiredPositives(1000, 0.99)).isEqualTo(990);
        assertThat(MiningThreshold.requiredPositives(101, 0.99)).isEqualTo(100);
        assertThat(MiningThreshold.requiredPositives(10, 0.99)).isEqualTo(10);
        assertThat(MiningThreshold.requiredPositives(3, 0.1)).isEqualTo(1);
    }

    private static void shuffle(float[] a, long seed) {
        Random r = new Random(seed);
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
