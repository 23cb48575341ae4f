package io.pxrcad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pxrcad.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStoreTest {
    @TempDir
    Path run;

    private static TrainingState state(int stage, int epochs, double auc) {
        TrainConfig c = TrainConfig.defaults().withSeed(3);
        PlateauScheduler s = PlateauScheduler.of(c);
        for (int e = 1; e <= epochs; e++) {
            s.step(1.0 / e);
        }
        BestCheckpoint best = epochs == 0 ? BestCheckpoint.none() : BestCheckpoint.none().offer(epochs, auc);
        return new TrainingState(stage, epochs, s.state(), best, c.seed(), stage == 2 ? 0.25f : null);
    }

    private static CheckpointStore.Contents weights(String content) {
        return dir -> {
            Files.writeString(dir.resolve(CheckpointStore.WEIGHTS_FILE), content);
            Files.writeString(dir.resolve(CheckpointStore.OPTIMIZER_FILE), "opt-" + content);
        };
    }

    @Test
    void stateRoundTripsThroughJsonIncludingNaNAndNulls() throws IOException {
        for (TrainingState s : new TrainingState[] {state(1, 0, 0), state(1, 4, 0.75), state(2, 2, 0.5)}) {
            Path f = run.resolve("s.json");
            s.save(f);
            assertThat(TrainingState.load(f)).isEqualTo(s);
        }
        assertThat(state(1, 0, 0).learningRate()).isEqualTo(1e-5);
    }

    @Test
    void layoutAndLatestWins() throws IOException {
        CheckpointStore store = new CheckpointStore(run);
        assertThat(store.find(1, CheckpointStore.Slot.LAST)).isEmpty();
        Path dir = store.commit(state(1, 1, 0.6), CheckpointStore.Slot.LAST, weights("w1"));
        assertThat(dir).isEqualTo(run.resolve("checkpoints/stage1/last"));
        store.commit(state(1, 2, 0.7), CheckpointStore.Slot.LAST, weights("w2"));
        CheckpointStore.Checkpoint c = store.find(1, CheckpointStore.Slot.LAST).orElseThrow();
        assertThat(c.state()).isEqualTo(state(1, 2, 0.7));
        assertThat(Files.readString(c.weights())).isEqualTo("w2");
        assertThat(Files.readString(c.optimizer())).isEqualTo("opt-w2");
        try (Stream<Path> files = Files.list(run.resolve("checkpoints/stage1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("last"); // no temporaries left
        }
    }

    @Test
    void copyLastToBest() throws IOException {
        CheckpointStore store = new CheckpointStore(run);
        store.commit(state(2, 3, 0.9), CheckpointStore.Slot.LAST, weights("w3"));
        Path best = store.copy(2, CheckpointStore.Slot.LAST, CheckpointStore.Slot.BEST);
        assertThat(best).isEqualTo(run.resolve("checkpoints/stage2/best"));
        CheckpointStore.Checkpoint c = store.find(2, CheckpointStore.Slot.BEST).orElseThrow();
        assertThat(c.state()).isEqualTo(state(2, 3, 0.9));
        assertThat(Files.readString(c.weights())).isEqualTo("w3");
        assertThatThrownBy(() -> store.copy(1, CheckpointStore.Slot.LAST, CheckpointStore.Slot.BEST))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stage 1");
    }

    @Test
    void failedWriteKeepsThePreviousCheckpoint() throws IOException {
        CheckpointStore store = new CheckpointStore(run);
        store.commit(state(1, 1, 0.6), CheckpointStore.Slot.LAST, weights("w1"));
        assertThatThrownBy(() -> store.commit(state(1, 2, 0.7), CheckpointStore.Slot.LAST, dir -> {
            Files.writeString(dir.resolve(CheckpointStore.WEIGHTS_FILE), "half");
            throw new IOException("disk full");
        })).hasMessage("disk full");
        CheckpointStore.Checkpoint c = store.find(1, CheckpointStore.Slot.LAST).orElseThrow();
        assertThat(c.state().epochsCompleted()).isEqualTo(1);
        assertThat(Files.readString(c.weights())).isEqualTo("w1");
    }

    @Test
    void recoversFromAKillBetweenTheRenames() throws IOException {
        CheckpointStore store = new CheckpointStore(run);
        store.commit(state(1, 1, 0.6), CheckpointStore.Slot.LAST, weights("w1"));
        Path last = run.resolve("checkpoints/stage1/last");
        Path old = run.resolve("checkpoints/stage1/.last.old");
        Files.move(last, old); // killed after "last -> .last.old", before "tmp -> last"
        Files.createDirectories(run.resolve("checkpoints/stage1/.last.tmp-123")); // and an unfinished temporary
        CheckpointStore.Checkpoint c = store.find(1, CheckpointStore.Slot.LAST).orElseThrow();
        assertThat(c.state().epochsCompleted()).isEqualTo(1);
        assertThat(Files.readString(c.weights())).isEqualTo("w1");
        store.commit(state(1, 2, 0.7), CheckpointStore.Slot.LAST, weights("w2"));
        assertThat(store.find(1, CheckpointStore.Slot.LAST).orElseThrow().state().epochsCompleted()).isEqualTo(2);
        assertThat(old).doesNotExist();
    }

    @Test
    void corruptStateIsADataError() throws IOException {
        Path f = run.resolve("state.json");
        Files.writeString(f, "{\"stage\": 3}");
        assertThatThrownBy(() -> TrainingState.load(f)).isInstanceOf(DataException.class).hasMessageContaining(f.toString());
    }

    @Test
    void validates() {
        TrainingState s = state(1, 2, 0.5);
        assertThatThrownBy(() -> new TrainingState(3, 0, s.scheduler(), s.best(), 0, null)).hasMessageContaining("stage");
        assertThatThrownBy(() -> new TrainingState(1, 1, s.scheduler(), s.best(), 0, null)).hasMessageContaining("best epoch 2");
        assertThatThrownBy(() -> new CheckpointStore(run).dir(0, CheckpointStore.Slot.LAST)).hasMessageContaining("stage");
    }
}
