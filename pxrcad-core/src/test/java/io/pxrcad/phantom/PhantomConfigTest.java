package io.pxrcad.phantom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhantomConfigTest {
    @Test
    void defaultsFollowTheIssue() {
        PhantomConfig c = PhantomConfig.defaults();
        assertThat(c.size()).isEqualTo(512);
        assertThat(c.fractureRate()).isEqualTo(0.6);
        assertThat(c.hipShare()).isEqualTo(0.7);
        assertThat(c.difficulty()).isEqualTo(0.5);
    }

    @Test
    void rejectsOutOfRangeValuesWithTheValueInTheMessage() {
        assertThatThrownBy(() -> PhantomConfig.defaults().withDifficulty(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("difficulty").hasMessageContaining("1.5");
        assertThatThrownBy(() -> PhantomConfig.defaults().withSize(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("size must be in 64..4096 but was 10");
        assertThatThrownBy(() -> PhantomConfig.defaults().withFractureRate(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
