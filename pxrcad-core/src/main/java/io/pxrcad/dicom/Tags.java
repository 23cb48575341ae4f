package io.pxrcad.dicom;

import java.util.HashMap;
import java.util.Map;

/**
 * The data element tags pxrcad reads (PS3.6), as {@code (group << 16) | element}, with the VR
 * each has in the data dictionary, needed for implicit VR datasets (PS3.5 7.1.3).
 */
final class Tags {
    private Tags() {}

    static final int TRANSFER_SYNTAX_UID = 0x00020010;
    static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int MODALITY = 0x00080060;
    static final int INSTANCE_CREATION_DATE = 0x00080012;
    static final int BODY_PART_EXAMINED = 0x00180015;
    static final int VIEW_POSITION = 0x00185101;
    static final int IMAGER_PIXEL_SPACING = 0x00181164;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int LATERALITY = 0x00200060;
    static final int IMAGE_LATERALITY = 0x00200062;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int PLANAR_CONFIGURATION = 0x00280006;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int PIXEL_SPACING = 0x00280030;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;
    static final int MODALITY_LUT_SEQUENCE = 0x00283000;
    static final int VOI_LUT_SEQUENCE = 0x00283010;
    static final int PRESENTATION_LUT_SHAPE = 0x20500020;
    static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;
    static final int PIXEL_DATA = 0x7FE00010;
    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITATION = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private static final Map<Integer, String> VR = new HashMap<>();

    static {
        for (int t : new int[] {ROWS, COLUMNS, BITS_ALLOCATED, BITS_STORED, HIGH_BIT, PIXEL_REPRESENTATION,
                SAMPLES_PER_PIXEL, PLANAR_CONFIGURATION}) {
            VR.put(t, "US");
        }
        for (int t : new int[] {WINDOW_CENTER, WINDOW_WIDTH, RESCALE_INTERCEPT, RESCALE_SLOPE, PIXEL_SPACING,
                IMAGER_PIXEL_SPACING}) {
            VR.put(t, "DS");
        }
        for (int t : new int[] {TRANSFER_SYNTAX_UID, MEDIA_STORAGE_SOP_CLASS_UID, SOP_CLASS_UID, SOP_INSTANCE_UID,
                STUDY_INSTANCE_UID, SERIES_INSTANCE_UID}) {
            VR.put(t, "UI");
        }
        for (int t : new int[] {MODALITY, BODY_PART_EXAMINED, VIEW_POSITION, LATERALITY, IMAGE_LATERALITY,
                PHOTOMETRIC_INTERPRETATION, VOI_LUT_FUNCTION, PRESENTATION_LUT_SHAPE}) {
            VR.put(t, "CS");
        }
        VR.put(NUMBER_OF_FRAMES, "IS");
        VR.put(INSTANCE_CREATION_DATE, "DA");
        VR.put(LUT_DESCRIPTOR, "US");
        VR.put(LUT_DATA, "OW");
        VR.put(MODALITY_LUT_SEQUENCE, "SQ");
        VR.put(VOI_LUT_SEQUENCE, "SQ");
        VR.put(PIXEL_DATA, "OW");
        VR.put(0x00080005, "CS");
    }

    /** The dictionary VR of a tag, or {@code null} when pxrcad does not know it. */
    static String vrOf(int tag) {
        if ((tag & 0xFFFF) == 0) return "UL"; // group length (PS3.5 7.2)
        return VR.get(tag);
    }

    static String format(int tag) {
        return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
    }
}
