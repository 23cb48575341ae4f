package io.pxrcad.pacs;

import io.pxrcad.dicom.DicomWriter;

/**
 * The UIDs of a source's results, each {@code 2.25.<uuid>} derived from the source (its SOP
 * Instance UID, or the hash of its pixels) and the model version ({@link DicomWriter#derivedUid}):
 * processing the same image with the same model again gives the same UIDs, so a PACS replaces
 * its earlier results instead of keeping two, while a new model's results sit beside the old.
 * An image of another format gets a study of its own, the same for every model. The two
 * series are per study and model: all SRs of a model in a study form one series, all
 * secondary captures another.
 */
record ResultUids(String study, String srSeries, String scSeries, String sr, String sc, String tracking, String device) {

    static ResultUids of(SourceImage source, Algorithm algorithm) {
        String v = algorithm.modelVersion();
        // an image of another format starts one study whatever the model, as a modality would
        String study = source.isDicom() ? source.file().header().studyInstanceUid() : uid("study", source.key(), "any");
        return new ResultUids(study, uid("sr-series", study, v), uid("sc-series", study, v), sr(source.key(), v),
                uid("sc", source.key(), v), uid("tracking", source.key(), v),
                DicomWriter.derivedUid("pxrcad-device:" + algorithm.name() + ":" + algorithm.model()));
    }

    static String sr(String key, String modelVersion) { return uid("sr", key, modelVersion); }

    private static String uid(String kind, String key, String modelVersion) {
        return DicomWriter.derivedUid("pxrcad-result:" + kind + ":" + key + ":" + modelVersion);
    }
}
