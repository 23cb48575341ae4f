package io.pxrcad.image;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class AugmenterTest {
    private static float[] pattern(int n) {
        float[] g = new float[n * n];
        for (int y = 0; y < n; y++) for (int x = 0; x < n; x++) g[y * n + x] = ((x / 4 + y / 4) % 2) * 0.8f + 0.1f;
        return g;
    }

    @Test
    void sameSeedSameOutputDifferentSeedDifferent() {
        Augmenter a = new Augmenter(new AugmentConfig());
        float[] img = pattern(32);
        float[] a1 = a.apply(img, 32, new Random(7));
        float[] a2 = a.apply(img, 32, new Random(7));
        float[] b = a.apply(img, 32, new Random(8));
        assertThat(a1).containsExactly(a2);
        assertThat(a1).isNotEqualTo(b);
        assertThat(a1).isNotEqualTo(img);
        for (float v : a1) assertThat(v).isBetween(0f, 1f);
    }

    @Test
    void noneIsIdentity() {
        float[] img = pattern(16);
        assertThat(new Augmenter(AugmentConfig.none()).apply(img, 16, new Random(1))).containsExactly(img);
    }

    @Test
    void brightnessOnlyShiftsEveryPixelEqually() {
        Augmenter a = new Augmenter(new AugmentConfig(0, 0, 0, 0.1, 0));
        float[] img = new float[16 * 16];
        java.util.Arrays.fill(img, 0.5f);
        float[] out = a.apply(img, 16, new Random(3));
        float shift = out[0] - 0.5f;
        assertThat(Math.abs(shift)).isBetween(0f, 0.1f + 1e-6f).isGreaterThan(0f);
        for (float v : out) assertThat(v).isEqualTo(out[0]);
    }

    @Test
    void affineStaysSmall() {
        // the defaults move a pixel by a few percent of the side at most: the centre stays bright
        Augmenter a = new Augmenter(new AugmentConfig(5, 0.05, 0.03, 0, 0));
        int n = 64;
        float[] img = new float[n * n];
        for (int y = 24; y < 40; y++) for (int x = 24; x < 40; x++) img[y * n + x] = 1f;
        for (int seed = 0; seed < 20; seed++) {
            float[] out = a.apply(img, n, new Random(seed));
            assertThat(out[32 * n + 32]).isEqualTo(1f);
            assertThat(out[2 * n + 2]).isZero();
        }
    }

    @Test
    void flipMirrorsLeftToRightWithItsProbability() {
        int n = 8;
        float[] img = new float[n * n];
        for (int i = 0; i < img.length; i++) img[i] = (i % n) / (float) n; // brighter to the right
        float[] mirrored = new Augmenter(AugmentConfig.none().withHorizontalFlip(1)).apply(img, n, new Random(1));
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) assertThat(mirrored[y * n + x]).isEqualTo(img[y * n + n - 1 - x]);
        }
        Augmenter half = new Augmenter(AugmentConfig.none().withHorizontalFlip(0.5));
        int flipped = 0;
        for (int seed = 0; seed < 400; seed++) {
            if (half.apply(img, n, new Random(seed))[0] != img[0]) flipped++;
        }
        assertThat(flipped).isBetween(160, 240);
    }

    @Test
    void theFlipIsDrawnLastSoTheAffineDrawsAreUnchanged() {
        float[] img = pattern(32);
        AugmentConfig affine = new AugmentConfig();
        float[] plain = new Augmenter(affine).apply(img, 32, new Random(11));
        float[] always = new Augmenter(affine.withHorizontalFlip(1)).apply(img, 32, new Random(11));
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) assertThat(always[y * 32 + x]).isEqualTo(plain[y * 32 + 31 - x]);
        }
    }
}
