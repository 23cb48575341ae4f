package io.pxrcad.dicom;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the fragments of encapsulated Pixel Data to frames (PS3.5 A.4): a single frame owns
 * all fragments; otherwise the Basic Offset Table (A.4, Table A.4-1) gives each frame's
 * first fragment, or, when it is empty, one fragment per frame or frames that end with a
 * JPEG / JPEG 2000 end-of-image marker (FFD9).
 */
final class EncapsulatedFrames {
    private EncapsulatedFrames() {}

    /** The compressed bytes of one frame. */
    static byte[] frame(List<DicomElement.Fragment> fragments, byte[] data, int frame, int frames) {
        List<DicomElement.Fragment> items = fragments.subList(1, fragments.size());
        if (items.isEmpty()) {
            throw new InvalidDicomException("encapsulated Pixel Data has a Basic Offset Table but no fragments");
        }
        List<DicomElement.Fragment> mine = select(fragments.get(0), items, data, frame, frames);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DicomElement.Fragment f : mine) out.write(data, f.offset(), f.length());
        return out.toByteArray();
    }

    private static List<DicomElement.Fragment> select(DicomElement.Fragment bot, List<DicomElement.Fragment> items,
                                                      byte[] data, int frame, int frames) {
        if (frames == 1) return items;
        if (bot.length() >= 4L * frames) {
            long first = items.get(0).itemOffset();
            long start = ByteReader.u32At(data, bot.offset() + 4 * frame, false);
            long end = frame + 1 < frames ? ByteReader.u32At(data, bot.offset() + 4 * (frame + 1), false) : Long.MAX_VALUE;
            List<DicomElement.Fragment> out = new ArrayList<>();
            for (DicomElement.Fragment f : items) {
                long rel = f.itemOffset() - first;
                if (rel >= start && rel < end) out.add(f);
            }
            if (out.isEmpty()) {
                throw new InvalidDicomException("Basic Offset Table entry " + start + " for frame " + frame
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
