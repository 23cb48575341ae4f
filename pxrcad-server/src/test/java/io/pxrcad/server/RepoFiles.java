package io.pxrcad.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository (docs/, testdata/), found from {@code pxrcad.root}, which surefire sets to its root. */
final class RepoFiles {
    private RepoFiles() {}

    static Path resolve(String relative) {
        Path root = Path.of(System.getProperty("pxrcad.root", "..")).toAbsolutePath().normalize();
        Path p = root.resolve(relative);
        if (!Files.exists(p)) {
            throw new IllegalStateException("expected " + p + " (in the repository; -Dpxrcad.root names its root)");
        }
        return p;
    }
}
