package io.pxrcad.infer;

import io.pxrcad.Radiograph;
import io.pxrcad.image.ImageReaders;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * An image to score, not yet decoded: its name (in results and messages) and how to read it.
 * A file, an upload's bytes or a table cell decode the same way ({@link ImageReaders}).
 */
public record ImageInput(String name, Supplier<Radiograph> reader) {
    public static ImageInput of(Path file) {
        return new ImageInput(file.toString(), () -> ImageReaders.read(file));
    }

    /** Bytes with an optional name and media type as hints (the content decides the format). */
    public static ImageInput of(String name, byte[] bytes, String mediaType) {
        return new ImageInput(name, () -> ImageReaders.read(bytes, name, mediaType));
    }
}
