package io.pxrcad.infer;

import io.pxrcad.Radiograph;

/**
 * One image's result: its detection (and the decoded image, for overlays), or the one-line
 * reason it has none and the kind of that reason.
 */
public record ImageOutcome(String name, Radiograph image, Detection detection, String error, ErrorKind errorKind) {
    public ImageOutcome {
        if ((detection == null) == (error == null) || (error == null) != (errorKind == null)) {
            throw new IllegalArgumentException("an outcome has a detection or an error with its kind, not both or neither");
        }
    }

    static ImageOutcome scored(String name, Radiograph image, Detection detection) {
        return new ImageOutcome(name, image, detection, null, null);
    }

    static ImageOutcome failed(String name, String error, ErrorKind kind) { return new ImageOutcome(name, null, null, error, kind); }

    public boolean failed() { return detection == null; }
}
