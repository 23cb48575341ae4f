package io.pxrcad.pacs;

import io.pxrcad.dicom.DatasetBuilder;

/**
 * SR content items (PS3.3 C.17.3, Document Content Macro and Content Item Macro, Table C.17-6
 * and 10-2): each an item of a Content Sequence (0040,A730) with its Relationship Type, Value Type,
 * Concept Name and value, and children in its own Content Sequence.
 */
final class SrItem {
    static final String CONTAINS = "CONTAINS";
    static final String HAS_OBS_CONTEXT = "HAS OBS CONTEXT";
    static final String HAS_CONCEPT_MOD = "HAS CONCEPT MOD";
    static final String SELECTED_FROM = "SELECTED FROM";
    private static final int CONTENT_SEQUENCE = 0x0040A730;

    private SrItem() {}

    /** A CONTAINER with SEPARATE continuity; the root when {@code relationship} is null (written into {@code ds}). */
    static DatasetBuilder container(DatasetBuilder ds, String relationship, Code name, DatasetBuilder... children) {
        head(ds, relationship, "CONTAINER", name);
        ds.string(0x0040A050, "CS", "SEPARATE");
        // Content Sequence is Type 1C: present only with at least one item
        if (children.length > 0) ds.sequence(CONTENT_SEQUENCE, children);
        return ds;
    }

    static DatasetBuilder container(String relationship, Code name, DatasetBuilder... children) {
        return container(new DatasetBuilder(), relationship, name, children);
    }

    static DatasetBuilder code(String relationship, Code name, Code value) {
        return head(new DatasetBuilder(), relationship, "CODE", name).sequence(0x0040A168, value.item());
    }

    static DatasetBuilder text(String relationship, Code name, String value) {
        return head(new DatasetBuilder(), relationship, "TEXT", name).string(0x0040A160, "UT", value);
    }

    static DatasetBuilder uidref(String relationship, Code name, String uid) {
        return head(new DatasetBuilder(), relationship, "UIDREF", name).string(0x0040A124, "UI", uid);
    }

    /** A NUM (Numeric Measurement Macro, Table C.18-1): the value as DS and, exactly, as FD. */
    static DatasetBuilder num(String relationship, Code name, double value, Code units, DatasetBuilder... children) {
        DatasetBuilder measured = new DatasetBuilder().sequence(0x004008EA, units.item()).decimal(0x0040A30A, value)
                .fd(0x0040A161, value);
        DatasetBuilder item = head(new DatasetBuilder(), relationship, "NUM", name).sequence(0x0040A300, measured);
        if (children.length > 0) item.sequence(CONTENT_SEQUENCE, children);
        return item;
    }

    /** An IMAGE reference (Image Reference Macro, Table C.18-4), without a concept name. */
    static DatasetBuilder image(String relationship, String sopClass, String sopInstance) {
        return new DatasetBuilder().string(0x0040A010, "CS", relationship).string(0x0040A040, "CS", "IMAGE")
                .sequence(0x00081199, SharedModules.instance(sopClass, sopInstance));
    }

    /**
     * A closed POLYLINE SCOORD (Table C.18-5) over the image it is SELECTED FROM: {@code points}
     * are column\row pairs, (0,0) the top left corner of the top left pixel (C.18.6.1.2), the
     * last point equal to the first.
     */
    static DatasetBuilder polyline(String relationship, Code name, float[] points, DatasetBuilder selectedFrom) {
        if (points.length < 8 || points.length % 2 != 0 || points[0] != points[points.length - 2]
                || points[1] != points[points.length - 1]) {
            throw new IllegalArgumentException("a closed polyline needs at least 4 column\\row pairs, the last equal to the first");
        }
        return head(new DatasetBuilder(), relationship, "SCOORD", name).fl(0x00700022, points)
                .string(0x00700023, "CS", "POLYLINE").sequence(CONTENT_SEQUENCE, selectedFrom);
    }

    private static DatasetBuilder head(DatasetBuilder ds, String relationship, String valueType, Code name) {
        if (relationship != null) ds.string(0x0040A010, "CS", relationship);
        ds.string(0x0040A040, "CS", valueType);
        ds.sequence(0x0040A043, name.item());
        return ds;
    }
}
