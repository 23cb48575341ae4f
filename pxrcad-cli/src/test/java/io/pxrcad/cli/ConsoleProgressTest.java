package io.pxrcad.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void withoutATerminalALongLoopLogsOneLinePerTenthNotPerStep() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        try (ProgressListener.Task p = new ConsoleProgress(false, lines::add, now::get).started("predict", 100, true)) {
            for (int i = 1; i <= 100; i++) {
                now.addAndGet(1_000_000_000L); // 1 step per second: 100 s in all
                p.advanced(String.format(java.util.Locale.ROOT, "loss %.2f", 1.0 / i));
            }
        }
        // the tenths before 60 s end before the loop has proved long: no line for them
        assertThat(lines).containsExactly(
                "predict: 60/100 (60%), 1.00 it/s, ETA 0:40, loss 0.02",
                "predict: 70/100 (70%), 1.00 it/s, ETA 0:30, loss 0.01",
                "predict: 80/100 (80%), 1.00 it/s, ETA 0:20, loss 0.01",
                "predict: 90/100 (90%), 1.00 it/s, ETA 0:10, loss 0.01",
                "predict: 100/100 (100%), 1.00 it/s, loss 0.01",
                "predict: done 100/100 in 1:40, loss 0.01");
    }

    @Test
    void withoutATerminalAShortEpochLogsNothing() {
        List<String> lines = new ArrayList<>();
        AtomicLong now = new AtomicLong(0);
        try (ProgressListener.Task p = new ConsoleProgress(false, lines::add, now::get).started("stage 1 epoch 3/100", 300, false)) {
            for (int i = 1; i <= 300; i++) {
                now.addAndGet(150_000_000L); // 45 s in all: the caller's epoch line is enough
                p.advanced("loss 0.5");
            }
        }
        assertThat(lines).isEmpty();
    }

    @Test
    void clockFormats() {
        assertThat(ConsoleProgress.clock(59.4)).isEqualTo("0:59");
        assertThat(ConsoleProgress.clock(61)).isEqualTo("1:01");
        assertThat(ConsoleProgress.clock(3725)).isEqualTo("1:02:05");
    }

    @Test
    void stepAfterCloseIsAnError() {
        ProgressListener.Task p = new ConsoleProgress(false, s -> { }, System::nanoTime).started("t", 2, true);
        p.close();
        assertThatThrownBy(() -> p.advanced("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConsoleProgress.logged().started("t", -1, true)).hasMessageContaining("total >= 0");
    }

    @Test
    void startWithoutConsoleUsesTheLog() {
        // under surefire System.console() is null: this must not draw a bar or fail
        try (ConsoleProgress.Loop p = ConsoleProgress.logged().started("t", 3, true)) {
            p.advanced("a");
            assertThat(p.done()).isEqualTo(1);
        }
    }
}
