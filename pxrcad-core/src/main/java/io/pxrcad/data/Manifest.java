package io.pxrcad.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded, validated manifest: the CSV file, its folder (image paths are relative to it),
 * its rows in file order, and the SHA-256 of its bytes (for {@code run.json}). Immutable.
 *
 * <p>Format: a header naming the columns {@code image,patient,label,type,boxes} in any order
 * and optionally {@code split}; {@code image} relative to the manifest's folder,
 * {@code label} 0/1, {@code type} {@code hip}, {@code pelvic} or empty (always empty for
 * negatives), {@code boxes} empty or {@code x0,y0,x1,y1} boxes in original pixels joined by
 * {@code ;}, {@code split} {@code train}, {@code val} or {@code test}.
 *
 * @param file     the CSV file
 * @param dir      the folder image paths are resolved against
 * @param entries  the rows, in file order
 * @param sha256   hex SHA-256 of the file's bytes
 * @param hasSplit true when the manifest has a {@code split} column (then every row has a split)
 */
public record Manifest(Path file, Path dir, List<ManifestEntry> entries, String sha256, boolean hasSplit) {
    public Manifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(sha256, "sha256");
        entries = List.copyOf(entries);
    }

    /**
     * Loads and validates every row: checks columns, labels, types, boxes (against the image
     * size), that each image exists, appears once and has a readable header (so that all
     * unreadable images are reported at once, before any work starts).
     *
     * @throws ManifestException listing all problems, one per line, with file and line
     */
    public static Manifest load(Path csv) {
        return ManifestLoader.load(csv);
    }

    /**
     * Like {@link #load} but rows whose image is missing or unreadable (its header cannot be
     * read) are left out and listed, one {@code file:line: message} each, instead of failing.
     *
     * @throws ManifestException on any other problem, or when no image is readable
     */
    public static ReadableManifest loadReadable(Path csv) {
        return ManifestLoader.load(csv, true);
    }

    public int size() { return entries.size(); }

    /** The entries of one part, in file order. */
    public List<ManifestEntry> entries(Split split) {
        return entries.stream().filter(e -> e.split().orElse(null) == split).toList();
    }

    public List<ManifestEntry> positives() { return entries.stream().filter(ManifestEntry::positive).toList(); }

    public List<ManifestEntry> negatives() { return entries.stream().filter(e -> !e.positive()).toList(); }

    /** The image file of an entry. */
    public Path resolve(ManifestEntry e) { return e.resolve(dir); }

    /** A copy with other entries (e.g. one fold's split), same file, folder and hash. */
    public Manifest withEntries(List<ManifestEntry> newEntries) {
        return new Manifest(file, dir, newEntries, sha256,
                !newEntries.isEmpty() && newEntries.stream().allMatch(e -> e.split().isPresent()));
    }
}
