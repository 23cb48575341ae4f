package io.pxrcad;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's own {@code testdata/} folder (real reference files, see its README), found
 * from the {@code pxrcad.root} system property that surefire sets to the repository root. The
 * files are part of the repository, so a test that needs one fails (never skips) without it.
 */
public final class RepoTestdata {
    private RepoTestdata() {}

    /** {@code <repo root>/testdata}, absolute and normalised. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("pxrcad.root", "."), "testdata").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("expected the test data folder at " + dir
                    + " (the repository's testdata/; -Dpxrcad.root names the repository root)");
        }
        return dir;
    }

    /** The repository root (documents such as {@code docs/detection.schema.json} that tests check output against). */
    public static Path root() {
        return dir().getParent();
    }

    /** A file or folder under {@code testdata/}, e.g. {@code "reference/metrics_sklearn.json"}. */
    public static Path resolve(String relative) {
        return dir().resolve(relative);
    }
}
