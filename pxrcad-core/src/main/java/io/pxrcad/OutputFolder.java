package io.pxrcad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The checks every command makes on a folder it writes into, before it writes anything: the
 * path (and each existing folder above it) is a folder, not a file, and files can be created
 * in it; and the removal of the command's own earlier outputs, chosen by the caller's naming
 * scheme, so that a rerun into the same folder leaves no stale file. Nothing else is deleted.
 */
public final class OutputFolder {
    private OutputFolder() {}

    /**
     * Refuses a path that is a file, or lies below one; does not create anything.
     *
     * @param option the option that named the folder, for the message (e.g. {@code --out})
     * @throws IllegalArgumentException {@code --out data.csv is a file, expected a folder}
     */
    public static void requireNotFile(Path dir, String option) {
        for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException(option + " " + dir + (p.equals(dir.toAbsolutePath().normalize())
                        ? " is a file, expected a folder" : ": " + p + " is a file, expected a folder"));
            }
        }
    }

    /**
     * {@link #requireNotFile}, and that files can be created in the folder, or, while it does not
     * exist yet, in the nearest folder above it that does; creates nothing that stays.
     *
     * @throws DataException when that folder cannot be written
     */
    public static void check(Path dir, String option) {
        requireNotFile(dir, option);
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.isDirectory(existing)) existing = existing.getParent();
        if (existing == null) return;
        try {
            Files.delete(Files.createTempFile(existing, ".pxrcad-write-check-", ".tmp"));
        } catch (IOException e) {
            throw new DataException("cannot write into " + option + " folder " + dir
                    + (existing.equals(dir.toAbsolutePath().normalize()) ? "" : " (" + existing + ")") + ": " + IoErrors.reason(e), e);
        }
    }

    /**
     * {@link #requireNotFile}, then creates the folder and checks that a file can be created in
     * it (a read-only folder fails here, named as the user gave it, not later on a temporary file).
     *
     * @return {@code dir}
     * @throws DataException when the folder cannot be created or written
     */
    public static Path prepare(Path dir, String option) {
        requireNotFile(dir, option);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException("cannot create " + option + " folder " + dir + ": " + IoErrors.reason(e), e);
        }
        try {
            Path probe = Files.createTempFile(dir, ".pxrcad-write-check-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DataException("cannot write into " + option + " folder " + dir + ": " + IoErrors.reason(e), e);
        }
        return dir;
    }

    /**
     * Deletes the regular files directly in {@code dir} whose names {@code ownName} accepts (the
     * caller's own naming scheme, e.g. {@code fold-<n>.csv}); a missing folder is a no-op.
     *
     * @return the files deleted
     */
    public static List<Path> removeOwn(Path dir, Predicate<String> ownName) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && ownName.test(f.getFileName().toString())) {
                    Files.delete(f);
                    removed.add(f);
                }
            }
        }
        return removed;
    }

    /** Deletes a folder and everything below it; a missing one is a no-op. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
