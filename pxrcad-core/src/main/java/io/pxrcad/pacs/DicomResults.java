package io.pxrcad.pacs;

import io.pxrcad.AtomicFiles;
import io.pxrcad.infer.Detection;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A detection as DICOM objects to store beside its source in a PACS: a Comprehensive SR after
 * TID 1500 ({@code MeasurementReport}) and, for an image in the model's scope, a Secondary Capture
 * with the heatmap and the finding burned in ({@code SecondaryCapture}). Both join the source's
 * Patient and Study (an image of another format gets a study of its own), each in a series of its
 * own, with UIDs derived from the source and the model version ({@code ResultUids}): the same
 * image and model give the same UIDs, and, at the same {@code created} time, the same bytes. The
 * source is only read.
 */
public final class DicomResults {
    /** The endings of the files {@link Results#writeTo} writes. */
    public static final String SR_SUFFIX = ".sr.dcm", SC_SUFFIX = ".sc.dcm";

    private DicomResults() {}

    /**
     * The Part 10 files of one result.
     *
     * @param sr   the structured report
     * @param sc   the secondary capture, or {@code null} for an image out of the model's scope
     * @param srUid the SR's SOP Instance UID
     * @param scUid the secondary capture's SOP Instance UID (the one it would have when out of scope)
     */
    public record Results(byte[] sr, byte[] sc, String srUid, String scUid) {
        public Results {
            Objects.requireNonNull(sr, "sr");
        }

        public boolean hasSecondaryCapture() { return sc != null; }

        /**
         * Writes {@code NAME.sr.dcm} and, when there is one, {@code NAME.sc.dcm} into {@code dir},
         * each atomically (temporary file, then rename).
         */
        public void writeTo(Path dir, String name) throws IOException {
            AtomicFiles.writeBytes(dir.resolve(name + SR_SUFFIX), sr);
            if (sc != null) AtomicFiles.writeBytes(dir.resolve(name + SC_SUFFIX), sc);
        }
    }

    /** The SOP Instance UID the SR of a DICOM source with this SOP Instance UID gets from this algorithm. */
    public static String srUid(String sourceSopInstanceUid, Algorithm algorithm) {
        return ResultUids.sr(sourceSopInstanceUid, algorithm.modelVersion());
    }

    /** {@link #write(Detection, SourceImage, Algorithm, Instant)} at the present time. */
    public static Results write(Detection detection, SourceImage source, Algorithm algorithm) {
        return write(detection, source, algorithm, Instant.now());
    }

    /**
     * @param detection what the model found on {@code source}'s image
     * @param created   the content and instance creation date and time (UTC)
     */
    public static Results write(Detection detection, SourceImage source, Algorithm algorithm, Instant created) {
        if (detection.width() != source.image().width() || detection.height() != source.image().height()) {
            throw new IllegalArgumentException("the detection is of a " + detection.width() + "x" + detection.height()
                    + " image but the source is " + source.image().width() + "x" + source.image().height());
        }
        ResultUids uids = ResultUids.of(source, algorithm);
        byte[] sc = null;
        MeasurementReport.Reference image = null;
        if (source.isDicom()) {
            var h = source.file().header();
            image = new MeasurementReport.Reference(h.studyInstanceUid(), h.seriesInstanceUid(), h.sopClassUid(), h.sopInstanceUid(), 1);
        }
        if (detection.inScope()) {
            BufferedImage picture = SecondaryCapture.picture(detection, source, algorithm);
            sc = SecondaryCapture.encode(picture, source, uids, algorithm, created);
            if (image == null) {
                // no DICOM source to point at: the region is drawn on the secondary capture, in its pixels
                image = new MeasurementReport.Reference(uids.study(), uids.scSeries(), SecondaryCapture.SOP_CLASS, uids.sc(),
                        picture.getWidth() / (double) source.image().width());
            }
        }
        byte[] sr = MeasurementReport.encode(detection, source, image, uids, algorithm, created);
        return new Results(sr, sc, uids.sr(), uids.sc());
    }
}
