package io.pxrcad.dicom;

import java.util.List;

/**
 * One data element (PS3.5 7.1): its tag, VR ({@code null} when implicit and unknown), and
 * either a value as a slice {@code [offset, offset+length)} of the dataset's byte array,
 * the items of a sequence, or the fragments of encapsulated Pixel Data (PS3.5 A.4).
 */
record DicomElement(int tag, String vr, int headerOffset, int offset, int length,
                    List<Dataset> items, List<Fragment> fragments) {

    /** One item of encapsulated Pixel Data: {@code itemOffset} is where its item tag starts. */
    record Fragment(int itemOffset, int offset, int length) {}

    boolean isSequence() { return items != null; }

    boolean isEncapsulated() { return fragments != null; }
}
