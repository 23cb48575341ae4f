package io.pxrcad.data;

import io.pxrcad.DataException;
import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import io.pxrcad.image.ImageReaders;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and validates a manifest CSV, collecting every problem before failing. */
final class ManifestLoader {
    static final List<String> REQUIRED = List.of("image", "patient", "label", "type", "boxes");
    static final String SPLIT = "split";

    private final String name;
    private final boolean skipUnreadable;
    private final List<String> problems = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();

    private ManifestLoader(Path file, boolean skipUnreadable) {
        this.name = file.toString();
        this.skipUnreadable = skipUnreadable;
    }

    static Manifest load(Path csv) {
        return load(csv, false).manifest();
    }

    /** With {@code skipUnreadable}, rows whose image cannot be read are left out and listed instead of failing. */
    static ReadableManifest load(Path csv, boolean skipUnreadable) {
        if (Files.isDirectory(csv)) {
            throw new ManifestException("expected a manifest CSV file but " + csv + " is a folder"
                    + (Files.isRegularFile(csv.resolve("manifest.csv")) ? " (did you mean " + csv.resolve("manifest.csv") + "?)" : ""),
                    List.of());
        }
        if (!Files.isRegularFile(csv)) {
            throw new ManifestException("no such manifest: " + csv, List.of());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new DataException("cannot read manifest " + csv + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException("manifest " + csv + " is not UTF-8 text", List.of());
        }
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(text);
        } catch (Csv.SyntaxException e) {
            throw new ManifestException("invalid manifest " + csv + ": 1 problem",
                    List.of(csv + ":" + e.line() + ": " + e.getMessage()));
        }
        Path dir = csv.toAbsolutePath().getParent();
        ManifestLoader l = new ManifestLoader(csv, skipUnreadable);
        List<ManifestEntry> entries = l.validate(rows, dir);
        if (!l.problems.isEmpty()) {
            int n = l.problems.size();
            throw new ManifestException("invalid manifest " + csv + ": " + n + (n == 1 ? " problem" : " problems"),
                    l.problems);
        }
        if (entries.isEmpty()) {
            throw new ManifestException("manifest " + csv + " has no readable image", l.skipped);
        }
        return new ReadableManifest(new Manifest(csv, dir, entries, sha256(bytes), rows.get(0).fields().contains(SPLIT)),
                l.skipped);
    }

    private void problem(int line, String message) { problems.add(name + ":" + line + ": " + message); }

    private List<ManifestEntry> validate(List<Csv.Row> rows, Path dir) {
        List<ManifestEntry> entries = new ArrayList<>();
        if (rows.isEmpty()) {
            problem(1, "empty manifest: expected a header " + String.join(",", REQUIRED) + " and at least one row");
            return entries;
        }
        Csv.Row header = rows.get(0);
        Map<String, Integer> col = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String h = header.fields().get(i).trim();
            if (!REQUIRED.contains(h) && !h.equals(SPLIT)) {
                problem(header.line(), "unknown column '" + h + "': expected " + String.join(",", REQUIRED) + "[,split]");
            } else if (col.putIfAbsent(h, i) != null) {
                problem(header.line(), "duplicate column '" + h + "'");
            }
        }
        for (String r : REQUIRED) {
            if (!col.containsKey(r)) problem(header.line(), "missing required column '" + r + "'");
        }
        if (!problems.isEmpty()) {
            return entries;
        }
        if (rows.size() == 1) {
            problem(header.line(), "empty manifest: a header but no rows");
        }
        Map<Path, Integer> seen = new HashMap<>();
        int columns = header.fields().size();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            if (row.fields().size() != columns) {
                problem(row.line(), "expected " + columns + " columns but found " + row.fields().size());
                continue;
            }
            ManifestEntry e = entry(row, col, dir, seen);
            if (e != null) entries.add(e);
        }
        return entries;
    }

    /** One row; null (with problems recorded) when it is invalid. */
    private ManifestEntry entry(Csv.Row row, Map<String, Integer> col, Path dir, Map<Path, Integer> seen) {
        int line = row.line();
        int before = problems.size();
        String image = row.fields().get(col.get("image")).trim();
        String patient = row.fields().get(col.get("patient")).trim();
        String labelText = row.fields().get(col.get("label")).trim();
        String typeText = row.fields().get(col.get("type")).trim();
        String boxesText = row.fields().get(col.get("boxes")).trim();

        int label = -1;
        if (labelText.equals("0") || labelText.equals("1")) {
            label = Integer.parseInt(labelText);
        } else {
            problem(line, "expected label 0 or 1 but was '" + labelText + "'");
        }
        if (patient.isEmpty()) problem(line, "missing patient");
        Optional<FractureType> type = Optional.empty();
        if (!typeText.isEmpty()) {
            try {
                type = Optional.of(FractureType.parse(typeText));
                if (label == 0) problem(line, "a negative image (label 0) cannot have type '" + typeText + "'");
            } catch (IllegalArgumentException ex) {
                problem(line, "expected type hip, pelvic or empty but was '" + typeText + "'");
            }
        }
        List<PixelBox> boxes = boxes(line, boxesText);
        if (label == 0 && !boxes.isEmpty()) problem(line, "a negative image (label 0) cannot have fracture boxes");
        Optional<Split> split = Optional.empty();
        if (col.containsKey(SPLIT)) {
            String s = row.fields().get(col.get(SPLIT)).trim();
            try {
                split = Optional.of(Split.parse(s));
            } catch (IllegalArgumentException ex) {
                problem(line, "expected split train, val or test but was '" + s + "'");
            }
        }
        boolean readable = true;
        if (image.isEmpty()) {
            problem(line, "missing image path");
        } else {
            readable = checkImage(line, dir.resolve(image).normalize(), boxes, seen);
        }
        if (problems.size() > before || !readable) return null;
        return new ManifestEntry(image, patient, label, type, boxes, split);
    }

    private List<PixelBox> boxes(int line, String text) {
        List<PixelBox> boxes = new ArrayList<>();
        if (text.isEmpty()) return boxes;
        for (String b : text.split(";", -1)) {
            String[] v = b.trim().split(",", -1);
            try {
                if (v.length != 4) throw new IllegalArgumentException("expected 4 numbers");
                boxes.add(new PixelBox(Double.parseDouble(v[0].trim()), Double.parseDouble(v[1].trim()),
                        Double.parseDouble(v[2].trim()), Double.parseDouble(v[3].trim())));
            } catch (IllegalArgumentException ex) {
                problem(line, "expected box x0,y0,x1,y1 with x0<x1, y0<y1 but was '" + b.trim() + "'");
            }
        }
        return boxes;
    }

    /**
     * Reads the image's header, so that every unreadable image is reported before any work
     * starts; false when the image is unreadable and skipped.
     */
    private boolean checkImage(int line, Path file, List<PixelBox> boxes, Map<Path, Integer> seen) {
        Integer first = seen.putIfAbsent(file, line);
        if (first != null) {
            problem(line, "duplicate image " + file + " (first on line " + first + ")");
            return true;
        }
        int[] wh;
        if (!Files.isRegularFile(file)) {
            return unreadable(line, Files.isDirectory(file) ? "expected an image file but " + file + " is a folder"
                    : "no such image file: " + file);
        }
        try {
            wh = ImageReaders.dimensions(file);
        } catch (DataException ex) {
            return unreadable(line, ex.getMessage());
        }
        for (PixelBox b : boxes) {
            if (!b.inside(wh[0], wh[1])) {
                problem(line, "box " + b.toCsv() + " lies outside the " + wh[0] + "x" + wh[1] + " image");
            }
        }
        return true;
    }

    private boolean unreadable(int line, String message) {
        if (!skipUnreadable) {
            problem(line, message);
            return true;
        }
        skipped.add(name + ":" + line + ": " + message);
        return false;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
