package io.pxrcad.dicom;

import io.pxrcad.AcquisitionInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header facts pxrcad needs from a DICOM file, and nothing that identifies the patient.
 * Absent attributes are {@code null} (or 0 for the pixel description of a non-image).
 *
 * @param pixelSpacing Pixel Spacing (0028,0030) {row, column} in mm, else Imager Pixel
 *        Spacing (0018,1164), else {@code null}
 */
public record DicomHeader(String modality, String bodyPartExamined, String viewPosition, String laterality,
                          double[] pixelSpacing, String photometricInterpretation, int rows, int columns, int frames,
                          int samplesPerPixel, int bitsAllocated, int bitsStored, int pixelRepresentation,
                          String transferSyntaxUid, String transferSyntaxName, boolean hasFileMeta,
                          String sopClassUid, String studyInstanceUid, String seriesInstanceUid,
                          String sopInstanceUid) {

    static DicomHeader of(Dataset meta, Dataset ds, TransferSyntax ts, boolean hasMeta) {
        double[] spacing = ds.numbers(Tags.PIXEL_SPACING);
        if (spacing.length < 2) spacing = ds.numbers(Tags.IMAGER_PIXEL_SPACING);
        String laterality = ds.string(Tags.IMAGE_LATERALITY);
        if (laterality == null) laterality = ds.string(Tags.LATERALITY);
        String sopClass = ds.string(Tags.SOP_CLASS_UID);
        if (sopClass == null) sopClass = meta.string(Tags.MEDIA_STORAGE_SOP_CLASS_UID);
        String tsUid = meta.string(Tags.TRANSFER_SYNTAX_UID);
        return new DicomHeader(ds.string(Tags.MODALITY), ds.string(Tags.BODY_PART_EXAMINED),
                ds.string(Tags.VIEW_POSITION), laterality,
                spacing.length >= 2 ? new double[] {spacing[0], spacing[1]} : null,
                ds.string(Tags.PHOTOMETRIC_INTERPRETATION), ds.integer(Tags.ROWS).orElse(0),
                ds.integer(Tags.COLUMNS).orElse(0), ds.integer(Tags.NUMBER_OF_FRAMES).orElse(ds.contains(Tags.PIXEL_DATA) ? 1 : 0),
                ds.integer(Tags.SAMPLES_PER_PIXEL).orElse(0), ds.integer(Tags.BITS_ALLOCATED).orElse(0),
                ds.integer(Tags.BITS_STORED).orElse(0), ds.integer(Tags.PIXEL_REPRESENTATION).orElse(0),
                tsUid != null ? ts.uid() : null, tsUid != null ? ts.name() : "none in file; read as " + ts.name(),
                hasMeta, sopClass, ds.string(Tags.STUDY_INSTANCE_UID), ds.string(Tags.SERIES_INSTANCE_UID),
                ds.string(Tags.SOP_INSTANCE_UID));
    }

    /** Modality, body part and view position: the facts that say whether the model was made for the image. */
    public AcquisitionInfo acquisition() { return new AcquisitionInfo(modality, bodyPartExamined, viewPosition); }

    @Override
    public double[] pixelSpacing() { return pixelSpacing == null ? null : pixelSpacing.clone(); }

    /** The facts as an ordered map (for JSON and text output); absent values are omitted. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "DICOM");
        m.put("modality", modality);
        m.put("bodyPartExamined", bodyPartExamined);
        m.put("viewPosition", viewPosition);
        m.put("laterality", laterality);
        m.put("pixelSpacing", pixelSpacing == null ? null : new double[] {pixelSpacing[0], pixelSpacing[1]});
        m.put("photometricInterpretation", photometricInterpretation);
        m.put("rows", rows);
        m.put("columns", columns);
        m.put("frames", frames);
        m.put("samplesPerPixel", samplesPerPixel);
        m.put("bitsAllocated", bitsAllocated);
        m.put("bitsStored", bitsStored);
        m.put("pixelRepresentation", pixelRepresentation);
        m.put("transferSyntaxUid", transferSyntaxUid);
        m.put("transferSyntaxName", transferSyntaxName);
        m.put("hasFileMeta", hasFileMeta);
        m.put("sopClassUid", sopClassUid);
        m.put("studyInstanceUid", studyInstanceUid);
        m.put("seriesInstanceUid", seriesInstanceUid);
        m.put("sopInstanceUid", sopInstanceUid);
        m.values().removeIf(java.util.Objects::isNull);
        return m;
    }
}
