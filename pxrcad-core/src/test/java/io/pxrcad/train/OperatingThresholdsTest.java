package io.pxrcad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OperatingThresholdsTest {

    @Test
    void overlappingClassesKeepTheRecallPointBelowTheSpecificityPoint() {
        // 20 negatives at 0.00..0.19 and 20 positives at 0.10..0.29: the classes overlap
        float[] scores = new float[40];
        int[] labels = new int[40];
        for (int i = 0; i < 20; i++) {
            scores[i] = i / 100f;
            scores[20 + i] = (10 + i) / 100f;
            labels[20 + i] = 1;
        }
        OperatingThresholds t = OperatingThresholds.onValidation(scores, labels);
        assertEquals(0.11, t.suspicious(), 1e-6); // 19 of 20 positives at or above
        assertEquals(0.19, t.fracture(), 1e-6); // 19 of 20 negatives below
    }

    @Test
    void separableClassesGiveOrderedThresholdsThatAnArtifactAccepts() {
        // negatives 0.10..0.29, positives 0.60..0.79: the 95%-recall point (0.61) lies above the
        // 95%-specificity point (0.29); both meet both targets
        double[] scores = new double[40];
        int[] labels = new int[40];
        for (int i = 0; i < 20; i++) {
            scores[i] = (10 + i) / 100.0;
            scores[20 + i] = (60 + i) / 100.0;
            labels[20 + i] = 1;
        }
        OperatingThresholds t = OperatingThresholds.onValidation(scores, labels);
        assertEquals(0.29, t.suspicious(), 1e-9);
        assertEquals(0.61, t.fracture(), 1e-9);
        assertEquals(0.29, t.forArtifact().suspicious(), 1e-9);
        assertEquals(0.61, t.forArtifact().fracture(), 1e-9);
    }

    @Test
    void oneClassGivesUnknownThresholds() {
        OperatingThresholds t = OperatingThresholds.onValidation(new float[] {0.2f, 0.4f}, new int[] {0, 0});
        assertNull(t.forArtifact().suspicious());
        assertNull(t.forArtifact().fracture());
    }
}
