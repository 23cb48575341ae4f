package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void logsEveryNStepsWithRateAndEta() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        try (Progress p = new Progress("stage 1 epoch 3/100", 10, 4, false, lines::add, now::get)) {
            for (int i = 1; i <= 10; i++) {
                now.addAndGet(500_000_000L); // 2 steps per second
                p.step(String.format(java.util.Locale.ROOT, "loss %.2f", 1.0 / i));
            }
        }
        assertThat(lines).containsExactly(
                "stage 1 epoch 3/100: 4/10 (40%), 2.00 it/s, ETA 0:03, loss 0.25",
                "stage 1 epoch 3/100: 8/10 (80%), 2.00 it/s, ETA 0:01, loss 0.13",
                "stage 1 epoch 3/100: 10/10 (100%), 2.00 it/s, loss 0.10",
                "stage 1 epoch 3/100: done 10/10 in 0:05, loss 0.10");
    }

    @Test
    void clockFormats() {
        assertThat(Progress.clock(59.4)).isEqualTo("0:59");
        assertThat(Progress.clock(61)).isEqualTo("1:01");
        assertThat(Progress.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void stepAfterCloseIsAnError() {
        Progress p = new Progress("t", 2, 1, false, s -> { }, System::nanoTime);
        p.close();
        assertThatThrownBy(() -> p.step("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Progress.start("t", -1, 1)).hasMessageContaining("total >= 0");
    }

    @Test
    void startWithoutConsoleUsesTheLog() {
        // under surefire System.console() is null: this must not draw a bar or fail
        try (Progress p = Progress.start("t", 3, 1)) {
            p.step("a");
            assertThat(p.done()).isEqualTo(1);
        }
    }
}
