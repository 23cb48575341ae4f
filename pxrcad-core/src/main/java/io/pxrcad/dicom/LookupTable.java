package io.pxrcad.dicom;

/**
 * A Modality or VOI LUT (PS3.3 C.11.1.1.1 / C.11.2.1.1): LUT Descriptor (0028,3002) =
 * {entries (0 means 65536), first input value mapped, bits per entry} and LUT Data
 * (0028,3006). Inputs below the first value map to the first entry, above the last to the
 * last entry.
 */
record LookupTable(int first, int bits, int[] entries) {

    static LookupTable of(Dataset item, boolean signedInput, String what) {
        double[] d = item.numbers(Tags.LUT_DESCRIPTOR);
        if (d.length < 3) {
            throw new InvalidDicomException(what + " LUT Descriptor (0028,3002) needs 3 values but has " + d.length);
        }
        int n = d[0] == 0 ? 65536 : (int) d[0];
        int first = (int) d[1];
        if (signedInput && first > 32767) first -= 65536; // US/SS ambiguity (C.11.1.1.1)
        int bits = (int) d[2];
        if (n < 1 || n > 65536 || bits < 1 || bits > 16) {
            throw new InvalidDicomException(what + " LUT Descriptor (0028,3002) [" + (int) d[0] + "," + (int) d[1] + ","
                    + bits + "] is invalid (entries 1..65536, bits 1..16)");
        }
        DicomElement data = item.get(Tags.LUT_DATA);
        if (data == null || data.isSequence() || data.isEncapsulated()) {
            throw new InvalidDicomException(what + " LUT has no LUT Data (0028,3006)");
        }
        int[] entries = new int[n];
        if (data.length() >= 2 * n) {
            for (int i = 0; i < n; i++) entries[i] = ByteReader.u16At(item.data, data.offset() + 2 * i, item.bigEndian);
        } else if (bits <= 8 && data.length() >= n) {
            for (int i = 0; i < n; i++) entries[i] = item.data[data.offset() + i] & 0xFF;
        } else {
            throw new InvalidDicomException(what + " LUT Data (0028,3006) has " + data.length() + " bytes but "
                    + n + " entries of " + bits + " bits need " + (bits <= 8 ? n : 2 * n));
        }
        return new LookupTable(first, bits, entries);
    }

    double apply(double x) {
        double i = Math.floor(x) - first;
        int idx = i <= 0 ? 0 : i >= entries.length - 1 ? entries.length - 1 : (int) i;
        return entries[idx];
    }

    /** Largest possible output, {@code 2^bits - 1}. */
    double maxOut() { return (1 << bits) - 1; }
}
