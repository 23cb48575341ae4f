package io.pxrcad.dicom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the data elements of a dataset (PS3.5 section 7): explicit and implicit VR, little
 * and big endian, defined and undefined lengths, nested sequences and items (7.5), and
 * encapsulated Pixel Data fragments (A.4). Values are not copied: elements point into the
 * byte array. Every length is checked against the bytes left, nesting is limited to
 * {@link DicomLimits#MAX_SEQUENCE_DEPTH} and the element count to
 * {@link DicomLimits#MAX_ELEMENTS}, so a hostile file fails fast with
 * {@link InvalidDicomException}.
 */
final class DatasetParser {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetParser.class);
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** VRs with a 2-byte reserved field and a 32-bit length in explicit VR (PS3.5 7.1.2). */
    private static final Set<String> LONG_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> KNOWN_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FL", "FD",
            "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM",
            "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");

    private final ByteReader in;
    private int elementCount;

    DatasetParser(ByteReader in) {
        this.in = in;
    }

    static boolean isKnownVr(byte a, byte b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z' && KNOWN_VRS.contains("" + (char) a + (char) b);
    }

    /** Parses group 0002 elements (explicit VR little endian, PS3.10 7.1) and stops at the first other group. */
    Dataset parseFileMeta() {
        Dataset ds = new Dataset(in.data, false);
        while (in.remaining() >= 8 && ByteReader.u16At(in.data, in.pos, false) == 0x0002) {
            boolean explicit = isKnownVr(in.data[in.pos + 4], in.data[in.pos + 5]);
            readElement(ds, explicit, false, 0);
        }
        return ds;
    }

    /** Parses elements to the end of the reader (the top-level dataset). */
    Dataset parseDataset(boolean explicit, boolean bigEndian) {
        Dataset ds = new Dataset(in.data, bigEndian);
        while (in.remaining() > 0) {
            if (in.remaining() < 8) {
                if (!allZero(in.pos, in.end)) LOG.warn("{} trailing byte(s) after the last element ignored", in.remaining());
                break; // trailing padding or garbage too short to be an element
            }
            readElement(ds, explicit, bigEndian, 0);
        }
        return ds;
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) if (in.data[i] != 0) return false;
        return true;
    }

    /** Reads one element into {@code ds}; returns false when it was an item delimiter. */
    private boolean readElement(Dataset ds, boolean explicit, boolean bigEndian, int depth) {
        if (++elementCount > DicomLimits.MAX_ELEMENTS) {
            throw new InvalidDicomException("more than " + DicomLimits.MAX_ELEMENTS
                    + " data elements: not a plausible DICOM file (byte offset " + in.pos + ")");
        }
        int headerOffset = in.pos;
        in.need(8, "a data element header");
        int group = in.u16(bigEndian);
        int tag = (group << 16) | in.u16(bigEndian);
        if (group == 0xFFFE) {
            long len = in.u32(bigEndian);
            if (tag == Tags.ITEM_DELIMITATION) return false;
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                LOG.debug("stray sequence delimiter at byte offset {} ignored", headerOffset);
                return true;
            }
            throw new InvalidDicomException("unexpected item tag " + Tags.format(tag) + " outside a sequence at byte offset "
                    + headerOffset);
        }
        String vr;
        long length;
        if (explicit) {
            byte a = in.data[in.pos], b = in.data[in.pos + 1];
            if (!isKnownVr(a, b)) {
                throw new InvalidDicomException("invalid VR bytes " + String.format("%02X %02X", a, b) + " for "
                        + Tags.format(tag) + " at byte offset " + headerOffset + " (explicit VR expected)");
            }
            vr = "" + (char) a + (char) b;
            in.pos += 2;
            if (LONG_VRS.contains(vr)) {
                in.need(6, "the length of " + Tags.format(tag));
                in.pos += 2;
                length = in.u32(bigEndian);
            } else {
                length = in.u16(bigEndian);
            }
        } else {
            vr = Tags.vrOf(tag);
            length = in.u32(bigEndian);
        }
        DicomElement e;
        if (length == UNDEFINED) {
            e = undefinedLength(tag, vr, headerOffset, explicit, bigEndian, depth);
        } else {
            e = definedLength(tag, vr, headerOffset, length, explicit, bigEndian, depth);
        }
        ds.put(e);
        return true;
    }

    private DicomElement undefinedLength(int tag, String vr, int headerOffset, boolean explicit, boolean bigEndian,
                                         int depth) {
        int start = in.pos;
        if (tag == Tags.PIXEL_DATA) {
            return new DicomElement(tag, vr, headerOffset, start, 0, null, fragments(tag));
        }
        if (vr == null || vr.equals("SQ")) {
            return new DicomElement(tag, "SQ", headerOffset, start, 0,
                    sequence(tag, -1, explicit, bigEndian, depth + 1), null);
        }
        if (vr.equals("UN")) {
            // PS3.5 6.2.2: a UN element of undefined length is a sequence in implicit VR little endian
            return new DicomElement(tag, "SQ", headerOffset, start, 0, sequence(tag, -1, false, false, depth + 1), null);
        }
        throw new InvalidDicomException("undefined length for " + Tags.format(tag) + " with VR " + vr
                + " at byte offset " + headerOffset + " (only SQ, UN and Pixel Data may have one)");
    }

    private DicomElement definedLength(int tag, String vr, int headerOffset, long length, boolean explicit,
                                       boolean bigEndian, int depth) {
        int start = in.pos;
        if (length > in.remaining()) {
            if (tag == Tags.PIXEL_DATA) {
                // keep what is there: decoding reports the shortfall with the exact byte counts
                LOG.warn("Pixel Data at byte offset {} declares {} bytes but only {} are left", headerOffset,
                        length, in.remaining());
                length = in.remaining();
            } else {
                throw new InvalidDicomException("value length " + length + " of " + Tags.format(tag) + " at byte offset "
                        + headerOffset + " exceeds the " + in.remaining() + " bytes left in the file (truncated or corrupt)");
            }
        }
        int len = (int) length;
        boolean unknown = vr == null || vr.equals("UN");
        boolean sequence = "SQ".equals(vr) || (unknown && looksLikeItem(start, len));
        if (sequence) {
            // PS3.5 6.2.2: a sequence whose VR is unknown (UN) is encoded in implicit VR little endian
            boolean itemsExplicit = explicit && !unknown;
            boolean itemsBig = bigEndian && !unknown;
            return new DicomElement(tag, "SQ", headerOffset, start, len,
                    sequence(tag, start + len, itemsExplicit, itemsBig, depth + 1), null);
        }
        in.pos = start + len;
        return new DicomElement(tag, vr, headerOffset, start, len, null, null);
    }

    private boolean looksLikeItem(int start, int len) {
        return len >= 8 && ByteReader.u16At(in.data, start, false) == 0xFFFE
                && ByteReader.u16At(in.data, start + 2, false) == 0xE000;
    }

    /** Items of a sequence (PS3.5 7.5) ending at {@code end}, or at a sequence delimiter when {@code end < 0}. */
    private List<Dataset> sequence(int tag, int end, boolean explicit, boolean bigEndian, int depth) {
        if (depth > DicomLimits.MAX_SEQUENCE_DEPTH) {
            throw new InvalidDicomException("sequences nested deeper than " + DicomLimits.MAX_SEQUENCE_DEPTH
                    + " at " + Tags.format(tag) + ", byte offset " + in.pos);
        }
        int savedEnd = in.end;
        if (end >= 0) in.end = end;
        try {
            return items(tag, end, explicit, bigEndian, depth);
        } finally {
            in.end = savedEnd;
        }
    }

    private List<Dataset> items(int tag, int end, boolean explicit, boolean bigEndian, int depth) {
        List<Dataset> items = new ArrayList<>();
        while (true) {
            if (end >= 0 && in.pos >= end) break;
            int at = in.pos;
            if (in.remaining() < 8) {
                throw new InvalidDicomException("sequence " + Tags.format(tag) + " not terminated: file ends at byte offset "
                        + in.end + " inside it (truncated)");
            }
            int itemTag = (in.u16(bigEndian) << 16) | in.u16(bigEndian);
            long len = in.u32(bigEndian);
            if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                if (end >= 0) LOG.debug("sequence delimiter in defined-length sequence at byte offset {}", at);
                break;
            }
            if (itemTag != Tags.ITEM) {
                throw new InvalidDicomException("expected an item tag (FFFE,E000) in sequence " + Tags.format(tag)
                        + " at byte offset " + at + " but found " + Tags.format(itemTag));
            }
            if (++elementCount > DicomLimits.MAX_ELEMENTS) {
                throw new InvalidDicomException("more than " + DicomLimits.MAX_ELEMENTS + " data elements and items");
            }
            items.add(item(tag, at, len, end, explicit, bigEndian, depth));
        }
        return items;
    }

    private Dataset item(int seqTag, int at, long len, int seqEnd, boolean explicit, boolean bigEndian, int depth) {
        Dataset item = new Dataset(in.data, bigEndian);
        if (len == UNDEFINED) {
            while (true) {
                if (in.remaining() == 0) {
                    throw new InvalidDicomException("item at byte offset " + at + " in sequence " + Tags.format(seqTag)
                            + " has no item delimiter before byte offset " + in.pos + " (truncated or corrupt)");
                }
                if (!readElement(item, explicit, bigEndian, depth)) break;
            }
            return item;
        }
        if (len > in.remaining()) {
            throw new InvalidDicomException("item length " + len + " at byte offset " + at + " in sequence "
                    + Tags.format(seqTag) + " exceeds the " + in.remaining() + " bytes left");
        }
        int savedEnd = in.end;
        in.end = in.pos + (int) len;
        try {
            while (in.remaining() > 0) {
                if (!readElement(item, explicit, bigEndian, depth)) {
                    LOG.debug("item delimiter inside a defined-length item at byte offset {} ignored", in.pos - 8);
                }
            }
        } finally {
            in.end = savedEnd;
        }
        return item;
    }

    /** Encapsulated Pixel Data (PS3.5 A.4): the Basic Offset Table item then one item per fragment. */
    private List<DicomElement.Fragment> fragments(int tag) {
        List<DicomElement.Fragment> out = new ArrayList<>();
        while (true) {
            int at = in.pos;
            if (in.remaining() == 0) {
                LOG.warn("encapsulated Pixel Data has no sequence delimiter: end of file at byte offset {}", at);
                break;
            }
            in.need(8, "an encapsulated Pixel Data item header");
            int itemTag = (in.u16(false) << 16) | in.u16(false);
            long len = in.u32(false);
            if (itemTag == Tags.SEQUENCE_DELIMITATION) break;
            if (itemTag != Tags.ITEM) {
                throw new InvalidDicomException("expected a fragment item (FFFE,E000) in encapsulated Pixel Data at byte offset "
                        + at + " but found " + Tags.format(itemTag));
            }
            if (len > in.remaining()) {
                throw new InvalidDicomException("fragment length " + len + " at byte offset " + at
                        + " exceeds the " + in.remaining() + " bytes left (truncated)");
            }
            if (++elementCount > DicomLimits.MAX_ELEMENTS) {
                throw new InvalidDicomException("more than " + DicomLimits.MAX_ELEMENTS + " fragments");
            }
            out.add(new DicomElement.Fragment(at, in.pos, (int) len));
            in.pos += (int) len;
        }
        if (out.isEmpty()) {
            throw new InvalidDicomException("encapsulated Pixel Data " + Tags.format(tag) + " has no Basic Offset Table item");
        }
        return out;
    }
}
