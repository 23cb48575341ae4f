package io.pxrcad.pacs;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.dicom.DatasetBuilder;
import io.pxrcad.infer.Band;
import io.pxrcad.infer.Detection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The finding as a Comprehensive SR (PS3.3 A.35.3) following TID 1500 "Imaging Measurement
 * Report" (PS3.16): observer context a device (TID 1001/1004: pxrcad and its model), the image
 * library (the image the region is drawn on), and one measurement group after TID 1410 "Planar
 * ROI Measurements and Qualitative Evaluations": Finding (72704001, SCT, "Fracture") at Finding
 * Site pelvis, the region as a closed POLYLINE SCOORD, the probability as a NUM with the
 * algorithm (TID 4019), the band and, for a finding, the type as codes. Verification Flag
 * UNVERIFIED: no person has checked it.
 *
 * <p>An image out of the model's scope gets a group without probability, region or type: the band
 * {@code out-of-scope} and the reasons as a Comment.
 *
 * <p>Private codes ({@link Code#PRIVATE}), because no standard code says it: the probability
 * concept, the band and its values, the type and its values, the procedure reported.
 */
final class MeasurementReport {
    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.88.33";
    static final int SERIES_NUMBER = 9901;

    static final Code PROBABILITY = Code.pxrcad("PROBABILITY", "Fracture probability");
    static final Code BAND = Code.pxrcad("BAND", "Reading band");
    static final Code TYPE = Code.pxrcad("TYPE", "Fracture type");
    static final Map<Band, Code> BANDS = Map.of(
            Band.NONE, Code.pxrcad("NONE", "No fracture suspected"),
            Band.SUSPICIOUS, Code.pxrcad("SUSPICIOUS", "Suspicious for fracture"),
            Band.FRACTURE, Code.pxrcad("FRACTURE", "Fracture likely"),
            Band.OUT_OF_SCOPE, Code.pxrcad("OUT-OF-SCOPE", "Image out of the model's scope"));
    static final Map<FractureType, Code> TYPES = Map.of(
            FractureType.HIP, Code.pxrcad("HIP", "Hip fracture"),
            FractureType.PELVIC, Code.pxrcad("PELVIC", "Pelvic fracture"));
    private static final Code PROCEDURE = Code.pxrcad("PELVIS-XR", "Radiograph of the pelvis");

    /** The image the region is drawn on: the source, or for a non-DICOM source the secondary capture. */
    record Reference(String study, String series, String sopClass, String sopInstance, double scale) {}

    private MeasurementReport() {}

    /**
     * @param image the image the SR refers to, or {@code null} when there is none (an image of another
     *              format out of scope: no secondary capture is made)
     */
    static byte[] encode(Detection d, SourceImage source, Reference image, ResultUids uids, Algorithm a, Instant created) {
        DatasetBuilder ds = new DatasetBuilder();
        SharedModules.patientAndStudy(ds, source, uids);
        SharedModules.series(ds, "SR", uids.srSeries(), SERIES_NUMBER, "findings");
        ds.sequence(0x00081111); // Referenced Performed Procedure Step Sequence, Type 2: none
        SharedModules.equipmentAndSop(ds, SOP_CLASS, uids.sr(), a, created);
        ds.sequence(0x00080110, new DatasetBuilder().string(0x00080102, "SH", Code.PRIVATE)
                .string(0x00080115, "ST", "pxrcad codes")
                .string(0x00080116, "ST", "pxrcad project (private codes, see docs/PACS.md)"));
        // SR Document General (C.17.2)
        ds.string(0x0040A491, "CS", "COMPLETE");
        ds.string(0x0040A493, "CS", "UNVERIFIED");
        ds.sequence(0x0040A372); // Performed Procedure Code Sequence, Type 2: none
        if (image != null) {
            ds.sequence(0x0040A375, SharedModules.evidence(image.study(), image.series(), image.sopClass(), image.sopInstance()));
        }
        // SR Document Content (C.17.3): the root container of TID 1500
        ds.sequence(0x0040A504, new DatasetBuilder().string(0x00080105, "CS", "DCMR").string(0x0040DB00, "CS", "1500"));
        List<DatasetBuilder> root = new ArrayList<>();
        root.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, Code.dcm("121049", "Language of Content Item and Descendants"),
                new Code("en", "RFC5646", "English")));
        root.add(SrItem.code(SrItem.HAS_OBS_CONTEXT, Code.dcm("121005", "Observer Type"), Code.dcm("121007", "Device")));
        root.add(SrItem.uidref(SrItem.HAS_OBS_CONTEXT, Code.dcm("121012", "Device Observer UID"), uids.device()));
        root.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, Code.dcm("121013", "Device Observer Name"), a.name()));
        root.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, Code.dcm("121015", "Device Observer Model Name"), a.model()));
        root.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, Code.dcm("121058", "Procedure reported"), PROCEDURE));
        if (image != null) {
            // TID 1500 row 5, the Image Library, is user-optional: without an image there is none
            root.add(SrItem.container(SrItem.CONTAINS, Code.dcm("111028", "Image Library"),
                    SrItem.container(SrItem.CONTAINS, Code.dcm("126200", "Image Library Group"),
                            SrItem.image(SrItem.CONTAINS, image.sopClass(), image.sopInstance()))));
        }
        root.add(SrItem.container(SrItem.CONTAINS, Code.dcm("126010", "Imaging Measurements"), group(d, image, uids, a)));
        SrItem.container(ds, null, Code.dcm("126000", "Imaging Measurement Report"), root.toArray(DatasetBuilder[]::new));
        return ds.part10(SOP_CLASS, uids.sr());
    }

    private static DatasetBuilder group(Detection d, Reference image, ResultUids uids, Algorithm a) {
        List<DatasetBuilder> items = new ArrayList<>();
        items.add(SrItem.text(SrItem.HAS_OBS_CONTEXT, Code.dcm("112039", "Tracking Identifier"), "fracture finding"));
        items.add(SrItem.uidref(SrItem.HAS_OBS_CONTEXT, Code.dcm("112040", "Tracking Unique Identifier"), uids.tracking()));
        items.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, Code.dcm("121071", "Finding"), Code.sct("72704001", "Fracture")));
        items.add(SrItem.code(SrItem.HAS_CONCEPT_MOD, Code.sct("363698007", "Finding Site"), Code.sct("12921003", "Pelvis")));
        if (d.inScope()) {
            if (image != null) {
                items.add(SrItem.polyline(SrItem.CONTAINS, Code.dcm("111030", "Image Region"), closedBox(d.roi(), image.scale()),
                        SrItem.image(SrItem.SELECTED_FROM, image.sopClass(), image.sopInstance())));
            }
            items.add(SrItem.num(SrItem.CONTAINS, PROBABILITY, d.probability(), new Code("1", "UCUM", "no units"),
                    SrItem.text(SrItem.HAS_CONCEPT_MOD, Code.dcm("111001", "Algorithm Name"), a.name() + " " + a.modelId()),
                    SrItem.text(SrItem.HAS_CONCEPT_MOD, Code.dcm("111003", "Algorithm Version"),
                            a.softwareVersion() + " model " + a.modelVersion())));
        }
        items.add(SrItem.code(SrItem.CONTAINS, BAND, BANDS.get(d.band())));
        if ((d.band() == Band.SUSPICIOUS || d.band() == Band.FRACTURE) && d.type() != null) {
            items.add(SrItem.code(SrItem.CONTAINS, TYPE, TYPES.get(d.type())));
        }
        if (!d.inScope()) {
            items.add(SrItem.text(SrItem.CONTAINS, Code.dcm("121106", "Comment"),
                    "not scored: the image is out of the model's scope (" + String.join("; ", d.scopeReasons()) + ")"));
        }
        return SrItem.container(SrItem.CONTAINS, Code.dcm("125007", "Measurement Group"), items.toArray(DatasetBuilder[]::new));
    }

    /** The box as a closed polyline of 5 column\row points, in the referenced image's pixels. */
    static float[] closedBox(PixelBox b, double scale) {
        float x0 = (float) (b.x0() * scale), y0 = (float) (b.y0() * scale);
        float x1 = (float) (b.x1() * scale), y1 = (float) (b.y1() * scale);
        return new float[] {x0, y0, x1, y0, x1, y1, x0, y1, x0, y0};
    }
}
