package io.pxrcad.eval;

import java.util.Objects;

/** One reader's answer on one image of the reader study. */
public record Read(String reader, String specialty, String image, FractureAnswer answer) {
    public Read {
        Objects.requireNonNull(answer, "answer");
        for (String[] f : new String[][]{{"reader", reader}, {"specialty", specialty}, {"image", image}}) {
            if (f[1] == null || f[1].isBlank()) throw new IllegalArgumentException(f[0] + " must not be blank");
        }
    }
}
