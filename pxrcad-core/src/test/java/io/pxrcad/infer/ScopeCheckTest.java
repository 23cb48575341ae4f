package io.pxrcad.infer;

import io.pxrcad.AcquisitionInfo;
import io.pxrcad.artifact.FeatureStatistics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The three signs of {@link ScopeCheck} together, without a network. */
class ScopeCheckTest {
    static final FeatureStatistics STATS = new FeatureStatistics("test", new float[] {0, 0}, new float[0][], new float[0], 10, 2.0, 10, 5);
    // no axes and mean variance 10: the distance is the root mean square of the features (shrinkage 0.1)
    static final float[] IMAGE = {0f, 0.5f, 1f, 0.25f};

    @Test
    void anImageLikeTheTrainingImagesWithAPelvicHeaderIsInScope() {
        ScopeCheck.Verdict v = new ScopeCheck(STATS).judge(new AcquisitionInfo("DX", "PELVIS", "AP"), IMAGE, new float[] {1, 1});
        assertThat(v.reasons()).isEmpty();
        assertThat(v.distance()).isEqualTo(1.0);
    }

    @Test
    void collectsEveryReason() {
        ScopeCheck.Verdict v = new ScopeCheck(STATS).judge(new AcquisitionInfo("MR", null, null), new float[4], new float[] {3, 3});
        assertThat(v.reasons()).containsExactly("modality MR (expected CR, DX or RF)", ScopeCheck.BLANK,
                "image features outside the training distribution (distance 3.00 > threshold 2.00)");
        assertThat(v.distance()).isEqualTo(3.0);
    }

    @Test
    void withoutStatisticsOnlyTheHeaderAndBlankImagesCount() {
        ScopeCheck legacy = new ScopeCheck(null);
        ScopeCheck.Verdict v = legacy.judge(AcquisitionInfo.UNKNOWN, IMAGE, new float[] {100, 100});
        assertThat(v.reasons()).isEmpty();
        assertThat(v.distance()).isNull();
        assertThat(legacy.judge(new AcquisitionInfo("CR", "CHEST", null), IMAGE, new float[2]).reasons())
                .containsExactly("body part CHEST (expected pelvis or hip)");
    }

    @Test
    void blankMeansNoVariationAtAll() {
        assertThat(ScopeCheck.blank(new float[] {0.3f, 0.3f, 0.3f})).isTrue();
        assertThat(ScopeCheck.blank(new float[] {0f, 0f, 1e-4f})).isFalse();
    }

    @Test
    void theBandOfAnOutOfScopeImageSaysSo() {
        assertThat(Band.OUT_OF_SCOPE.label()).isEqualTo("out-of-scope");
        assertThat(List.of(Band.values())).extracting(Band::label).containsExactly("none", "suspicious", "fracture", "out-of-scope");
    }
}
