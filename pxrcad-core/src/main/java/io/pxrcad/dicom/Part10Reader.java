package io.pxrcad.dicom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the Part 10 file structure (PS3.10 7.1): the 128-byte preamble, "DICM", the File
 * Meta Information (group 0002) and the transfer syntax it names, then the dataset;
 * inflates a deflated dataset (PS3.5 A.5). Files without preamble and meta (old ACR-NEMA
 * style datasets) are read with a guessed encoding: explicit VR when the first element
 * carries a valid VR, big endian when its group only makes sense that way, else implicit VR
 * little endian (the PS3.5 default).
 */
final class Part10Reader {
    private static final Logger LOG = LoggerFactory.getLogger(Part10Reader.class);

    record Parsed(Dataset meta, Dataset dataset, TransferSyntax syntax, boolean hasFileMeta, byte[] data) {}

    private Part10Reader() {}

    static boolean hasPreamble(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    static Parsed parse(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1F && (bytes[1] & 0xFF) == 0x8B) {
            throw new InvalidDicomException("not a DICOM file: gzip-compressed data (decompress it first)");
        }
        if (hasPreamble(bytes)) {
            ByteReader in = new ByteReader(bytes, 132, bytes.length);
            DatasetParser parser = new DatasetParser(in);
            Dataset meta = parser.parseFileMeta();
            String uid = meta.string(Tags.TRANSFER_SYNTAX_UID);
            TransferSyntax ts;
            if (uid == null) {
                ts = guess(bytes, in.pos);
                LOG.warn("File Meta has no Transfer Syntax UID (0002,0010): guessed {}", ts.name());
            } else {
                ts = TransferSyntax.of(uid);
            }
            return body(bytes, in.pos, meta, ts, true);
        }
        int start = plausibleStart(bytes);
        if (start < 0) {
            throw new InvalidDicomException("not a DICOM file: no \"DICM\" at byte offset 128 and no plausible data element at the start");
        }
        if (start > 0) LOG.warn("no preamble or File Meta; skipped {} leading byte(s) to the first plausible element", start);
        TransferSyntax ts = guess(bytes, start);
        LOG.info("no preamble or File Meta: reading the dataset as {}", ts.name());
        if (start + 8 <= bytes.length && ByteReader.u16At(bytes, start, ts.bigEndian()) == 0x0002) {
            ByteReader in = new ByteReader(bytes, start, bytes.length);
            Dataset meta = new DatasetParser(in).parseFileMeta();
            String uid = meta.string(Tags.TRANSFER_SYNTAX_UID);
            return body(bytes, in.pos, meta, uid == null ? guess(bytes, in.pos) : TransferSyntax.of(uid), true);
        }
        return body(bytes, start, new Dataset(bytes, false), ts, false);
    }

    private static Parsed body(byte[] bytes, int start, Dataset meta, TransferSyntax ts, boolean hasMeta) {
        byte[] data = bytes;
        int from = start;
        if (ts.deflated()) {
            data = inflate(bytes, start);
            from = 0;
        }
        ByteReader in = new ByteReader(data, from, data.length);
        Dataset ds = new DatasetParser(in).parseDataset(ts.explicitVr(), ts.bigEndian());
        return new Parsed(meta, ds, ts, hasMeta, data);
    }

    static byte[] inflate(byte[] bytes, int start) {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(bytes, start, bytes.length - start);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, (bytes.length - start) * 4));
            byte[] buf = new byte[65536];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0) {
                    if (inf.needsInput() || inf.needsDictionary()) break; // truncated stream: keep what inflated
                }
                out.write(buf, 0, n);
                if (out.size() > DicomLimits.MAX_FILE_BYTES) {
                    throw new InvalidDicomException("deflated dataset inflates to more than "
                            + DicomLimits.MAX_FILE_BYTES + " bytes (limit)");
                }
            }
            if (!inf.finished()) LOG.warn("deflated dataset ends before the end of its deflate stream");
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new InvalidDicomException("corrupt deflated dataset after byte offset " + start + ": " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    /** The first offset (0..15) where a plausible data element header starts, or -1. */
    static int plausibleStart(byte[] b) {
        for (int s = 0; s <= Math.min(15, b.length - 8); s++) {
            if (plausibleAt(b, s)) return s;
        }
        return -1;
    }

    static boolean plausibleAt(byte[] b, int s) {
        if (s + 8 > b.length) return false;
        boolean explicit = DatasetParser.isKnownVr(b[s + 4], b[s + 5]);
        int le = ByteReader.u16At(b, s, false), be = ByteReader.u16At(b, s, true);
        if (explicit) {
            return (le <= 0x0010 && le % 2 == 0) || (be <= 0x0010 && be % 2 == 0);
        }
        long len = ByteReader.u32At(b, s + 4, false);
        return le <= 0x0010 && le % 2 == 0 && len <= b.length - s - 8;
    }

    /** The encoding of a dataset without a transfer syntax (see the class comment). */
    static TransferSyntax guess(byte[] b, int s) {
        if (s + 8 > b.length || !DatasetParser.isKnownVr(b[s + 4], b[s + 5])) {
            return TransferSyntax.IMPLICIT_VR_LE;
        }
        int le = ByteReader.u16At(b, s, false);
        return le >= 0x0100 ? TransferSyntax.EXPLICIT_VR_BE : TransferSyntax.EXPLICIT_VR_LE;
    }
}
