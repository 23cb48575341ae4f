package io.pxrcad.pacs;

import io.pxrcad.dicom.DatasetBuilder;

/**
 * A coded concept (PS3.3 Table 8.8-1, Basic Code Sequence Macro). Standard codes come from DCM
 * (PS3.16 Annex D), SNOMED CT ({@code SCT}), UCUM and RFC 5646; where none fits, pxrcad uses
 * its private scheme {@link #PRIVATE} ({@code 99} prefix, PS3.16 8.2), declared in each SR's
 * Coding Scheme Identification Sequence.
 */
record Code(String value, String scheme, String meaning) {
    static final String PRIVATE = "99PXRCAD";

    Code {
        if (value.length() > 16) throw new IllegalArgumentException("code value must be at most 16 characters but was " + value);
    }

    static Code dcm(String value, String meaning) { return new Code(value, "DCM", meaning); }

    static Code sct(String value, String meaning) { return new Code(value, "SCT", meaning); }

    static Code pxrcad(String value, String meaning) { return new Code(value, PRIVATE, meaning); }

    /** An item of a code sequence. */
    DatasetBuilder item() {
        return new DatasetBuilder().string(0x00080100, "SH", value).string(0x00080102, "SH", scheme)
                .string(0x00080104, "LO", meaning);
    }
}
