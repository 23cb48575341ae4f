package io.pxrcad.train;

import io.pxrcad.Seeds;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedImagesTest {
    @Test
    void hidesTheRatioOfPatchesKeepingOneOfEachKind() {
        boolean[] h = MaskedImages.hiddenPatches(5, 0.6, Seeds.random(1, 2));
        assertThat(count(h)).isEqualTo(15);
        assertThat(MaskedImages.hiddenPatches(5, 0.6, Seeds.random(1, 2))).isEqualTo(h); // seeded
        assertThat(MaskedImages.hiddenPatches(5, 0.6, Seeds.random(1, 3))).isNotEqualTo(h);
        assertThat(count(MaskedImages.hiddenPatches(2, 0.01, Seeds.random(1, 2)))).isEqualTo(1);
        assertThat(count(MaskedImages.hiddenPatches(2, 0.99, Seeds.random(1, 2)))).isEqualTo(3);
    }

    @Test
    void zeroesTheHiddenSquaresInEveryChannelAndMarksThem() {
        int size = 4, patch = 2, pixels = size * size;
        float[] x = new float[3 * pixels];
        java.util.Arrays.fill(x, 7f);
        float[] mask = new float[pixels];
        // patches row-major: top-left, top-right, bottom-left, bottom-right; hide top-right only
        MaskedImages.apply(new boolean[] {false, true, false, false}, patch, size, x, 0, mask, 0);
        float[] expectedMask = {
            0, 0, 1, 1,
            0, 0, 1, 1,
            0, 0, 0, 0,
            0, 0, 0, 0};
        assertThat(mask).containsExactly(expectedMask);
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < pixels; p++) {
                assertThat(x[c * pixels + p]).isEqualTo(expectedMask[p] == 1 ? 0f : 7f);
            }
        }
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean v : b) if (v) n++;
        return n;
    }
}
