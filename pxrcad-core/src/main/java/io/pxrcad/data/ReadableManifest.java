package io.pxrcad.data;

import java.util.List;
import java.util.Objects;

/**
 * A manifest loaded without its unreadable images ({@link Manifest#loadReadable}).
 *
 * @param manifest the rows whose image header could be read
 * @param skipped  the rows left out, one {@code file:line: message} each, in file order
 */
public record ReadableManifest(Manifest manifest, List<String> skipped) {
    public ReadableManifest {
        Objects.requireNonNull(manifest, "manifest");
        skipped = List.copyOf(skipped);
    }
}
