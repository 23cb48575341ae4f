package io.pxrcad.dicom;

import java.util.Map;

/**
 * What a Digital X-Ray Image "for presentation" (PS3.3 A.26) needs beyond the attributes every
 * image of {@link DicomWriter} has: every Type 1 and 2 attribute of its mandatory modules
 * (Patient, General Study, General Series, DX Series, General Equipment, General Image, DX
 * Anatomy Imaged, DX Image, DX Detector, DX Positioning, Acquisition Context, VOI LUT), checked
 * with dciodvfy. The writer serves synthetic images only, so what is unknown stays empty where
 * the standard allows it (Type 2: dates, times, sex, referring physician, detector and
 * positioner type, acquisition context) rather than being made up.
 */
final class DxModules {
    /** A coded entry (PS3.3 Table 8.8-1, basic code sequence attributes). */
    private record Code(String value, String scheme, String meaning) {}

    /** A body part with its Anatomic Region code (CID 4009) and the Image Laterality it implies. */
    private record Region(Code code, String laterality) {}

    // body parts the writer can describe; a DX of another one is refused (Image Laterality is Type 1)
    private static final Map<String, Region> REGIONS = Map.of(
            "PELVIS", new Region(new Code("12921003", "SCT", "Pelvis"), "U"));
    // View Code Sequence (CID 4010) is Type 3: views not listed simply have none
    private static final Map<String, Code> VIEWS = Map.of(
            "AP", new Code("399348003", "SCT", "antero-posterior"));

    private DxModules() {}

    /** Throws unless a DX object can be written with these {@link DicomWriter.Options}. */
    static void check(double[] pixelSpacing, String bodyPart, String patientOrientation) {
        if (pixelSpacing == null) throw new IllegalArgumentException("a DX object needs pixelSpacing (Imager Pixel Spacing is Type 1)");
        if (bodyPart == null || !REGIONS.containsKey(bodyPart)) {
            throw new IllegalArgumentException("a DX object needs bodyPart one of " + REGIONS.keySet() + " but was " + bodyPart);
        }
        if (patientOrientation == null || !patientOrientation.matches("[AFHLPR]+\\\\[AFHLPR]+")) {
            throw new IllegalArgumentException("a DX object needs patientOrientation as row\\column directions, e.g. L\\F, but was "
                    + patientOrientation);
        }
    }

    /** Adds the DX attributes for an image of {@code bits} stored bits; {@code o} has passed {@link #check}. */
    static void add(DatasetBuilder ds, DicomWriter.Options o, int bits) {
        ds.string(0x00080008, "CS", "DERIVED\\PRIMARY");
        // General Study (C.7.2.1): a synthetic study has no date, time, accession or referrer
        ds.string(0x00080020, "DA", "");
        ds.string(0x00080030, "TM", "");
        ds.string(0x00080050, "SH", "");
        ds.string(0x00080090, "PN", "");
        ds.string(0x00200010, "SH", "1");
        ds.string(0x00080068, "CS", "FOR PRESENTATION");
        ds.string(0x00080070, "LO", "PXRCAD");
        // Patient (C.7.1.1): a synthetic patient has no birth date or sex
        ds.string(0x00100030, "DA", "");
        ds.string(0x00100040, "CS", "");
        ds.string(0x00200011, "IS", "1");

        Region region = REGIONS.get(o.bodyPart());
        ds.sequence(0x00082218, item(region.code()));
        ds.string(0x00200062, "CS", region.laterality());
        Code view = VIEWS.get(o.viewPosition());
        if (view != null) {
            DatasetBuilder v = item(view);
            v.sequence(0x00540222); // View Modifier Code Sequence, Type 2C: the view has no modifier
            ds.sequence(0x00540220, v);
        }
        ds.string(0x00200020, "CS", o.patientOrientation());

        // DX Detector (C.8.11.4): the synthetic detector's pixels are the image's pixels, no magnification
        ds.string(0x00181164, "DS", DicomWriter.spacing(o.pixelSpacing()));
        ds.string(0x00187004, "CS", "");
        ds.string(0x00181508, "CS", "");
        ds.sequence(0x00400555);

        // DX Image (C.8.11.3). pxrcad radiographs are bone bright: higher values mean more
        // attenuation, i.e. less X-ray intensity (sign -1), processed from log attenuation (LOG).
        // Synthetic images carry no text that could identify a patient (the phantom's lead
        // side marker does not).
        ds.string(0x00280301, "CS", "NO");
        ds.string(0x00281040, "CS", "LOG");
        ds.ss(0x00281041, -1);
        // C.11.2.1.2.1: a LINEAR window with centre 2^(b-1) and width 2^b maps [0, 2^b - 1] onto itself,
        // so the object displays, and decodes, as written
        ds.string(0x00281050, "DS", Long.toString(1L << (bits - 1)));
        ds.string(0x00281051, "DS", Long.toString(1L << bits));
        ds.string(0x00281052, "DS", "0");
        ds.string(0x00281053, "DS", "1");
        ds.string(0x00281054, "LO", "US");
        ds.string(0x00282110, "CS", "00");
        ds.string(0x20500020, "CS", "IDENTITY");
    }

    private static DatasetBuilder item(Code c) {
        DatasetBuilder item = new DatasetBuilder();
        item.string(0x00080100, "SH", c.value());
        item.string(0x00080102, "SH", c.scheme());
        item.string(0x00080104, "LO", c.meaning());
        return item;
    }
}
