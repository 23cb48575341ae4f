package io.pxrcad.dicom;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A parsed DICOM dataset (PS3.5 7): elements by tag, with typed accessors that decode values
 * lazily from the shared byte array. Malformed numbers are treated as absent (a lenient
 * reading, as other readers do for e.g. an IS value "1A") unless the caller needs them.
 */
final class Dataset {
    final byte[] data;
    final boolean bigEndian;
    private final Map<Integer, DicomElement> elements = new LinkedHashMap<>();

    Dataset(byte[] data, boolean bigEndian) {
        this.data = data;
        this.bigEndian = bigEndian;
    }

    void put(DicomElement e) { elements.put(e.tag(), e); }

    DicomElement get(int tag) { return elements.get(tag); }

    boolean contains(int tag) { return elements.containsKey(tag); }

    int size() { return elements.size(); }

    Iterable<DicomElement> elements() { return elements.values(); }

    /** The string value, trailing spaces and NULs removed; {@code null} when absent or empty. */
    String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) return null;
        int n = e.length();
        while (n > 0 && (data[e.offset() + n - 1] == ' ' || data[e.offset() + n - 1] == 0)) n--;
        int start = 0;
        while (start < n && data[e.offset() + start] == ' ') start++;
        if (start >= n) return null;
        return new String(data, e.offset() + start, n - start, StandardCharsets.ISO_8859_1);
    }

    /** The backslash-separated values of a string element (PS3.5 6.4), trimmed; empty when absent. */
    String[] strings(int tag) {
        String s = string(tag);
        if (s == null) return new String[0];
        String[] parts = s.split("\\\\", -1);
        for (int i = 0; i < parts.length; i++) parts[i] = parts[i].trim();
        return parts;
    }

    /** Numeric values of a binary (US, SS, UL, SL, FL, FD) or text (IS, DS) element; unparsable text values are skipped. */
    double[] numbers(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated()) return new double[0];
        String vr = e.vr() != null && !e.vr().equals("UN") ? e.vr() : Tags.vrOf(tag);
        if (vr == null) return new double[0];
        switch (vr) {
            case "US", "SS", "UL", "SL", "FL", "FD", "OW", "OB" -> { return binary(e, vr); }
            default -> {
                String[] parts = strings(tag);
                double[] out = new double[parts.length];
                int k = 0;
                for (String p : parts) {
                    try {
                        out[k++] = Double.parseDouble(p);
                    } catch (NumberFormatException ex) {
                        k--;
                    }
                }
                return java.util.Arrays.copyOf(out, k);
            }
        }
    }

    private double[] binary(DicomElement e, String vr) {
        int size = switch (vr) { case "UL", "SL", "FL" -> 4; case "FD" -> 8; case "OB" -> 1; default -> 2; };
        int n = e.length() / size;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int at = e.offset() + i * size;
            out[i] = switch (vr) {
                case "US", "OW" -> ByteReader.u16At(data, at, bigEndian);
                case "SS" -> (short) ByteReader.u16At(data, at, bigEndian);
                case "UL" -> ByteReader.u32At(data, at, bigEndian);
                case "SL" -> (int) ByteReader.u32At(data, at, bigEndian);
                case "FL" -> Float.intBitsToFloat((int) ByteReader.u32At(data, at, bigEndian));
                case "FD" -> Double.longBitsToDouble(bigEndian
                        ? (ByteReader.u32At(data, at, true) << 32) | ByteReader.u32At(data, at + 4, true)
                        : (ByteReader.u32At(data, at + 4, false) << 32) | ByteReader.u32At(data, at, false));
                default -> data[at] & 0xFF;
            };
        }
        return out;
    }

    OptionalDouble number(int tag) {
        double[] v = numbers(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    OptionalInt integer(int tag) {
        OptionalDouble d = number(tag);
        if (d.isEmpty() || d.getAsDouble() != Math.rint(d.getAsDouble())
                || Math.abs(d.getAsDouble()) > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) d.getAsDouble());
    }

    /** The items of a sequence element; empty when absent or not a sequence. */
    List<Dataset> items(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || !e.isSequence() ? List.of() : e.items();
    }
}
