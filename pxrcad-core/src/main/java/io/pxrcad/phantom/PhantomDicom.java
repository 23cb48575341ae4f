package io.pxrcad.phantom;

import io.pxrcad.dicom.DicomWriter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A phantom as a DICOM Digital X-Ray "for presentation" object: body part PELVIS, view AP,
 * pixel spacing {@link PhantomGenerator#pixelSpacingMm()}, the phantom's 16-bit values as
 * stored pixels, Patient ID the synthetic {@code P000123} (name {@code SYNTHETIC^P000123}),
 * patient orientation {@code L\F}; all else a valid DX object needs as {@link DicomWriter}
 * writes it. UIDs are
 * {@code 2.25.<uuid>} derived from the whole configuration and the case (or, for the study,
 * the patient), so a cohort is reproducible byte for byte, a patient's images share one study,
 * and cohorts drawn with different settings never share a UID.
 */
final class PhantomDicom {
    // side 0 of the skeleton is the image left, the patient's right (see Skeleton): rows run to the
    // patient's left, columns to the feet
    private static final String ORIENTATION = "L\\F";

    private PhantomDicom() {}

    static void write(PhantomGenerator gen, Phantom p, Path target) throws IOException {
        DicomWriter.write(p.image(), options(gen), identity(gen.config(), p), target);
    }

    static DicomWriter.Options options(PhantomGenerator gen) {
        double s = gen.pixelSpacingMm();
        return new DicomWriter.Options(DicomWriter.Kind.DX, new double[] {s, s}, "PELVIS", "AP", ORIENTATION);
    }

    static DicomWriter.Identity identity(PhantomConfig config, Phantom p) {
        // the record's toString names every setting, so any change of settings changes every UID
        String cohort = "pxrcad-synth:" + config + ":";
        return new DicomWriter.Identity(p.patient(),
                DicomWriter.derivedUid(cohort + "study:" + p.patient()),
                DicomWriter.derivedUid(cohort + "series:" + p.caseIndex()),
                DicomWriter.derivedUid(cohort + "instance:" + p.caseIndex()));
    }
}
