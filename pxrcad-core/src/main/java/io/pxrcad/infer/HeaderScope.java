package io.pxrcad.infer;

import io.pxrcad.AcquisitionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a file's acquisition facts describe an image the method was made for (METHOD.md
 * "Input": a frontal pelvic radiograph): a projection radiograph (Modality CR, DX or RF), of the
 * pelvis or hip, not a lateral view. An unknown fact is no reason by itself: a PNG says nothing,
 * and many sites leave Body Part Examined empty.
 */
final class HeaderScope {
    static final Set<String> MODALITIES = Set.of("CR", "DX", "RF");
    /** Words of Body Part Examined that name the pelvis or a hip ("PELVIS", "HIP", "HIP JOINT", "PELVIS HIP", ...). */
    private static final Set<String> PELVIC_WORDS = Set.of("PELVIS", "PELVIC", "HIP", "HIPS", "ACETABULUM", "ACETABULAR");
    /** View Position values of a lateral view: DICOM's LL/RL and the free-text forms sites use. */
    private static final Set<String> LATERAL = Set.of("LL", "RL", "LAT", "LATERAL", "LLAT", "RLAT", "XTABLE",
            "XTABLELAT", "XTABLELATERAL", "CROSSTABLE", "CROSSTABLELAT", "CROSSTABLELATERAL");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-./^]+");

    private HeaderScope() {}

    /** The reasons the facts put an image out of scope; empty when none does. */
    static List<String> reasons(AcquisitionInfo a) {
        List<String> out = new ArrayList<>();
        if (a.modality() != null && !MODALITIES.contains(a.modality())) {
            out.add("modality " + a.modality() + " (expected CR, DX or RF)");
        }
        if (a.bodyPart() != null && !pelvic(a.bodyPart())) {
            out.add("body part " + a.bodyPart() + " (expected pelvis or hip)");
        }
        if (a.viewPosition() != null && lateral(a.viewPosition())) {
            out.add("lateral view (" + a.viewPosition() + ")");
        }
        return out;
    }

    static boolean pelvic(String bodyPart) {
        for (String w : SEPARATORS.split(bodyPart)) {
            if (PELVIC_WORDS.contains(w)) return true;
        }
        return false;
    }

    static boolean lateral(String viewPosition) {
        String joined = SEPARATORS.matcher(viewPosition).replaceAll("");
        if (LATERAL.contains(joined)) return true;
        for (String w : SEPARATORS.split(viewPosition)) {
            if (w.equals("LAT") || w.equals("LATERAL")) return true;
        }
        return false;
    }
}
