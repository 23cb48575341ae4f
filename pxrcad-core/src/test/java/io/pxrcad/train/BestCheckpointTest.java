package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BestCheckpointTest {

    @Test
    void keepsTheStrictlyBestAndTheEarlierOnTies() {
        BestCheckpoint b = BestCheckpoint.none();
        assertThat(b.hasBest()).isFalse();
        b = b.offer(1, 0.70);
        assertThat(b).isEqualTo(new BestCheckpoint(0.70, 1));
        b = b.offer(2, 0.80);
        assertThat(b.isImprovedBy(0.80)).isFalse();
        b = b.offer(3, 0.80);
        assertThat(b.bestEpoch()).isEqualTo(2);
        b = b.offer(4, 0.75);
        assertThat(b).isEqualTo(new BestCheckpoint(0.80, 2));
        b = b.offer(5, 0.81);
        assertThat(b.bestEpoch()).isEqualTo(5);
    }

    @Test
    void nanNeverWins() {
        BestCheckpoint b = BestCheckpoint.none().offer(1, Double.NaN);
        assertThat(b.hasBest()).isFalse();
        b = b.offer(2, 0.0);
        assertThat(b).isEqualTo(new BestCheckpoint(0.0, 2));
        assertThat(b.offer(3, Double.NaN)).isEqualTo(b);
    }

    @Test
    void validates() {
        assertThatThrownBy(() -> new BestCheckpoint(0.5, -1)).hasMessageContaining("NaN exactly");
        assertThatThrownBy(() -> BestCheckpoint.none().offer(-1, 0.5)).hasMessageContaining("epoch");
    }
}
