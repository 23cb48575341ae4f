package io.pxrcad.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints of a run, laid out as
 * <pre>
 * RUN/checkpoints/stage1/last/{state.json, weights.safetensors, optimizer.safetensors}
 * RUN/checkpoints/stage1/best/{...same...}
 * RUN/checkpoints/stage2/...
 * </pre>
 * A checkpoint is written whole into a hidden temporary folder beside its slot
 * ({@code .last.tmp-<n>}), {@code state.json} last, then swapped in by renames
 * ({@code last -> .last.old}, temporary {@code -> last}, delete {@code .last.old}; see
 * {@link CheckpointFolder}). A process killed at any moment (SIGKILL) leaves either the old or
 * the new checkpoint complete: {@link #find} prefers {@code last}, falls back to
 * {@code .last.old}, and only accepts a folder holding {@code state.json}. The weight and
 * optimizer files are written by the trainer (this class knows nothing of networks).
 */
public final class CheckpointStore {
    public static final String STATE_FILE = "state.json";
    public static final String WEIGHTS_FILE = "weights.safetensors";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";

    /** The two checkpoints kept per stage. */
    public enum Slot {
        /** After the latest completed epoch: what {@code --resume} continues from. */
        LAST,
        /** After the epoch with the best validation AUC: what the model artifact is built from. */
        BEST;

        String dirName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Writes a checkpoint's other files (weights, optimizer) into the folder given. */
    @FunctionalInterface
    public interface Contents {
        void writeTo(Path dir) throws IOException;
    }

    /** A complete checkpoint found on disk. */
    public record Checkpoint(Path dir, TrainingState state) {
        public Path weights() { return dir.resolve(WEIGHTS_FILE); }
        public Path optimizer() { return dir.resolve(OPTIMIZER_FILE); }
    }

    private final Path root;

    /** @param runDir the run folder {@code RUN}; checkpoints go to {@code RUN/checkpoints} */
    public CheckpointStore(Path runDir) {
        this.root = runDir.resolve("checkpoints");
    }

    /** {@code RUN/checkpoints/stage<n>/<slot>}. */
    public Path dir(int stage, Slot slot) {
        return stageDir(stage).resolve(slot.dirName());
    }

    /** Where a stage keeps the weights it started from ({@link TrainConfig#restartAfter()}). */
    public Path initialWeights(int stage) {
        return stageDir(stage).resolve("initial-" + WEIGHTS_FILE);
    }

    /**
     * Writes a complete checkpoint and swaps it in atomically.
     *
     * @param contents writes weights and optimizer state into the (temporary) folder it is given
     * @return the checkpoint's final folder
     */
    public Path commit(TrainingState state, Slot slot, Contents contents) throws IOException {
        return CheckpointFolder.commit(dir(state.stage(), slot), STATE_FILE, dir -> {
            contents.writeTo(dir);
            state.save(dir.resolve(STATE_FILE)); // last: its presence marks the folder complete
        });
    }

    /** Copies the {@code from} checkpoint of a stage into slot {@code to}, atomically (e.g. last to best). */
    public Path copy(int stage, Slot from, Slot to) throws IOException {
        Checkpoint source = find(stage, from).orElseThrow(() -> new IllegalStateException(
                "no complete " + from + " checkpoint of stage " + stage + " in " + stageDir(stage)));
        return commit(source.state(), to, dir -> {
            try (Stream<Path> files = Files.list(source.dir())) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    if (!f.getFileName().toString().equals(STATE_FILE)) {
                        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        });
    }

    /** The complete checkpoint of a stage and slot, recovering from an interrupted swap; empty if none. */
    public Optional<Checkpoint> find(int stage, Slot slot) throws IOException {
        Optional<Path> dir = CheckpointFolder.find(dir(stage, slot), STATE_FILE);
        return dir.isEmpty() ? Optional.empty()
                : Optional.of(new Checkpoint(dir.get(), TrainingState.load(dir.get().resolve(STATE_FILE))));
    }

    private Path stageDir(int stage) {
        if (stage != 1 && stage != 2) {
            throw new IllegalArgumentException("stage must be 1 or 2 but was " + stage);
        }
        return root.resolve("stage" + stage);
    }
}
