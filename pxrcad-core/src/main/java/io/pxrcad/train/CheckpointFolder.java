package io.pxrcad.train;

import io.pxrcad.OutputFolder;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A folder replaced whole or not at all: written into a hidden temporary folder beside it
 * ({@code .NAME.tmp-<n>}), with the marker file written last, then swapped in by renames
 * ({@code NAME -> .NAME.old}, temporary {@code -> NAME}, delete {@code .NAME.old}). A process
 * killed at any moment (SIGKILL) leaves either the old or the new folder complete: {@link #find}
 * prefers {@code NAME}, falls back to {@code .NAME.old}, and only accepts a folder holding the
 * marker. What the checkpoints of training ({@link CheckpointStore}) and pretraining are written with.
 */
final class CheckpointFolder {
    private CheckpointFolder() {}

    /**
     * Writes a complete folder and swaps it in atomically.
     *
     * @param marker   the file whose presence marks the folder complete
     * @param contents writes every file into the (temporary) folder it is given, the marker last
     * @return {@code target}
     */
    static Path commit(Path target, String marker, CheckpointStore.Contents contents) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
        try {
            contents.writeTo(tmp);
            Path old = oldDir(target);
            if (!Files.exists(target) && Files.isRegularFile(old.resolve(marker))) {
                move(old, target); // an earlier swap was interrupted: never delete the only complete copy
            }
            OutputFolder.deleteTree(old);
            if (Files.exists(target)) {
                move(target, old);
            }
            move(tmp, target);
            OutputFolder.deleteTree(old);
            return target;
        } finally {
            OutputFolder.deleteTree(tmp);
        }
    }

    /** The complete folder (one holding {@code marker}), recovering from an interrupted swap; empty if none. */
    static Optional<Path> find(Path target, String marker) {
        for (Path candidate : new Path[] {target, oldDir(target)}) {
            if (Files.isRegularFile(candidate.resolve(marker))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path oldDir(Path target) {
        return target.resolveSibling("." + target.getFileName() + ".old");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
