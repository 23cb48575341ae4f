package io.pxrcad.infer;

import io.pxrcad.Radiograph;

/**
 * One image's result: its detection (and the decoded image, for overlays), or the one-line
 * reason it has none.
 */
public record ImageOutcome(String name, Radiograph image, Detection detection, String error) {
    public ImageOutcome {
        if ((detection == null) == (error == null)) {
            throw new IllegalArgumentException("an outcome has a detection or an error, not both or neither");
        }
    }

    static ImageOutcome failed(String name, String error) { return new ImageOutcome(name, null, null, error); }

    public boolean failed() { return detection == null; }
}
