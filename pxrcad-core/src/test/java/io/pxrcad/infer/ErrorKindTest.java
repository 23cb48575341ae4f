package io.pxrcad.infer;

import io.pxrcad.DataException;
import io.pxrcad.UnsupportedImageException;
import io.pxrcad.dicom.InvalidDicomException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each way an image can fail to decode gets its kind; no image decodes, so no detector is needed. */
class ErrorKindTest {
    @Test
    void decodingFailuresAreCountedByKind() {
        List<ImageInput> inputs = List.of(
                new ImageInput("gone.png", () -> { throw new UncheckedIOException(new IOException("gone.png: no such file")); }),
                new ImageInput("bad.dcm", () -> { throw new InvalidDicomException("not a DICOM file (in bad.dcm)"); }),
                new ImageInput("jls.dcm", () -> { throw new UnsupportedImageException("JPEG-LS in jls.dcm"); }),
                new ImageInput("huge.png", () -> { throw new OutOfMemoryError(); }),
                new ImageInput("odd.png", () -> { throw new DataException("odd"); }));
        List<ImageOutcome> outcomes = IsolatedScoring.score(null, inputs);
        assertThat(outcomes).extracting(ImageOutcome::errorKind).containsExactly(ErrorKind.UNREADABLE, ErrorKind.INVALID_IMAGE,
                ErrorKind.UNSUPPORTED_IMAGE, ErrorKind.OUT_OF_MEMORY, ErrorKind.INVALID_IMAGE);
        assertThat(outcomes).allMatch(ImageOutcome::failed);
        assertThat(outcomes.get(2).error()).isEqualTo("JPEG-LS in jls.dcm");
        assertThat(ErrorKind.UNSUPPORTED_IMAGE.label()).isEqualTo("unsupported image");
    }

    @Test
    void scoringFailuresAreScoringUnlessTheImageIsAtFault() {
        assertThat(ErrorKind.ofScoring(new IllegalStateException("engine"))).isEqualTo(ErrorKind.SCORING);
        assertThat(ErrorKind.ofScoring(new OutOfMemoryError())).isEqualTo(ErrorKind.OUT_OF_MEMORY);
        assertThat(ErrorKind.ofScoring(new InvalidDicomException("x"))).isEqualTo(ErrorKind.INVALID_IMAGE);
    }

    @Test
    void anOutcomeHasAnErrorWithItsKindOrADetection() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImageOutcome("a", null, null, "broken", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
