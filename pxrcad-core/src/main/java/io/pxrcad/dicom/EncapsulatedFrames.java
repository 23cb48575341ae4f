package io.pxrcad.dicom;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the fragments of encapsulated Pixel Data to frames (PS3.5 A.4): a single frame owns
 * all fragments; otherwise the Extended Offset Table (7FE0,0001) or the Basic Offset Table
 * (A.4, Table A.4-1) gives each frame's first fragment, or, when it is empty, one fragment per frame or frames that end with a
 * JPEG / JPEG 2000 end-of-image marker (FFD9).
 */
final class EncapsulatedFrames {
    private EncapsulatedFrames() {}

    /** The compressed bytes of one frame. */
    static byte[] frame(List<DicomElement.Fragment> fragments, byte[] data, int frame, int frames) {
        return frame(fragments, data, frame, frames, null);
    }

    /**
     * The compressed bytes of one frame.
     *
     * @param extendedOffsets the Extended Offset Table (7FE0,0001) as byte offsets, or {@code null}
     */
    static byte[] frame(List<DicomElement.Fragment> fragments, byte[] data, int frame, int frames, long[] extendedOffsets) {
        List<DicomElement.Fragment> items = fragments.subList(1, fragments.size());
        if (items.isEmpty()) {
            throw new InvalidDicomException("encapsulated Pixel Data has a Basic Offset Table but no fragments");
        }
        List<DicomElement.Fragment> mine = select(offsets(fragments.get(0), data, frames, extendedOffsets), items, data,
                frame, frames);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DicomElement.Fragment f : mine) out.write(data, f.offset(), f.length());
        return out.toByteArray();
    }

    /** Frame offsets from the Extended Offset Table or the Basic Offset Table; {@code null} when neither covers every frame. */
    private static long[] offsets(DicomElement.Fragment bot, byte[] data, int frames, long[] extended) {
        if (extended != null && extended.length >= frames) return extended;
        if (bot.length() < 4L * frames) return null;
        long[] out = new long[frames];
        for (int i = 0; i < frames; i++) out[i] = ByteReader.u32At(data, bot.offset() + 4 * i, false);
        return out;
    }

    private static List<DicomElement.Fragment> select(long[] offsets, List<DicomElement.Fragment> items,
                                                      byte[] data, int frame, int frames) {
        if (frames == 1) return items;
        if (offsets != null) {
            long first = items.get(0).itemOffset();
            long start = offsets[frame];
            long end = frame + 1 < frames ? offsets[frame + 1] : Long.MAX_VALUE;
            List<DicomElement.Fragment> out = new ArrayList<>();
            for (DicomElement.Fragment f : items) {
                long rel = f.itemOffset() - first;
                if (rel >= start && rel < end) out.add(f);
            }
            if (out.isEmpty()) {
                throw new InvalidDicomException("offset table entry " + start + " for frame " + frame
                        + " matches no fragment");
            }
            return out;
        }
        if (items.size() == frames) return List.of(items.get(frame));
        List<List<DicomElement.Fragment>> byMarker = new ArrayList<>();
        List<DicomElement.Fragment> current = new ArrayList<>();
        for (DicomElement.Fragment f : items) {
            current.add(f);
            if (endsWithEoi(data, f)) {
                byMarker.add(current);
                current = new ArrayList<>();
            }
        }
        if (byMarker.size() != frames || !current.isEmpty()) {
            throw new InvalidDicomException("cannot map " + items.size() + " fragments to " + frames
                    + " frames: empty Basic Offset Table and " + byMarker.size() + " end-of-image markers");
        }
        return byMarker.get(frame);
    }

    private static boolean endsWithEoi(byte[] d, DicomElement.Fragment f) {
        int e = f.offset() + f.length();
        while (e > f.offset() && d[e - 1] == 0) e--; // even-length padding
        return e - f.offset() >= 2 && (d[e - 2] & 0xFF) == 0xFF && (d[e - 1] & 0xFF) == 0xD9;
    }
}
