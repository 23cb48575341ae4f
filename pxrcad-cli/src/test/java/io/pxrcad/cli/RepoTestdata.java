package io.pxrcad.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's own {@code testdata/} folder (real reference files, see its README), found
 * from the {@code pxrcad.root} system property that surefire sets to the repository root. The
 * files are part of the repository, so a test that needs one fails (never skips) without it.
 */
final class RepoTestdata {
    private RepoTestdata() {}

    /** A file or folder under {@code <repo root>/testdata}, e.g. {@code "dicom"}; absolute and normalised. */
    static Path resolve(String relative) {
        Path dir = Path.of(System.getProperty("pxrcad.root", "."), "testdata").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("expected the test data folder at " + dir
                    + " (the repository's testdata/; -Dpxrcad.root names the repository root)");
        }
        return dir.resolve(relative);
    }
}
