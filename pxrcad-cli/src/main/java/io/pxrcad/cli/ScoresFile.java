package io.pxrcad.cli;

import io.pxrcad.infer.DetectionScoring;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.data.Csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The test-part scores of one method in one fold: {@code image,label,score} and, for the
 * two-stage method, {@code roi_hit,max_hit,type_correct} (1/0, empty where undefined), written
 * atomically so that a file that exists is complete.
 */
record ScoresFile(List<String> images, int[] labels, double[] scores, List<Boolean> roiHit, List<Boolean> maxHit,
                  List<Boolean> typeCorrect) {
    static final List<String> HEADER = List.of("image", "label", "score", "roi_hit", "max_hit", "type_correct");

    ScoresFile {
        int n = images.size();
        if (labels.length != n || scores.length != n || roiHit.size() != n || maxHit.size() != n || typeCorrect.size() != n) {
            throw new IllegalArgumentException("score file columns differ in length");
        }
    }

    static ScoresFile plain(List<String> images, int[] labels, double[] scores) {
        List<Boolean> none = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) none.add(null);
        return new ScoresFile(images, labels, scores, none, none, none);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (int i = 0; i < images.size(); i++) {
            sb.append(Csv.join(List.of(images.get(i), Integer.toString(labels[i]),
                    String.format(Locale.ROOT, "%.9g", scores[i]), DetectionScoring.bool(roiHit.get(i)),
                    DetectionScoring.bool(maxHit.get(i)), DetectionScoring.bool(typeCorrect.get(i))))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    static ScoresFile read(Path file) throws IOException {
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(io.pxrcad.IoErrors.readUtf8("scores file", file));
        } catch (Csv.SyntaxException e) {
            throw new DataException(file + ": line " + e.line() + ": " + e.getMessage());
        }
        if (rows.isEmpty() || !rows.get(0).fields().equals(HEADER)) {
            throw new DataException(file + ": expected header " + String.join(",", HEADER) + " (a pxrcad cv scores file)");
        }
        List<String> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Boolean> roi = new ArrayList<>(), max = new ArrayList<>(), type = new ArrayList<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            try {
                images.add(f.get(0));
                labels.add(Integer.parseInt(f.get(1)));
                scores.add(Double.parseDouble(f.get(2)));
                roi.add(bool(f.get(3)));
                max.add(bool(f.get(4)));
                type.add(bool(f.get(5)));
            } catch (RuntimeException e) {
                throw new DataException(file + ": line " + row.line() + ": expected " + HEADER.size() + " fields image,label,score,... but was '"
                        + Csv.join(f) + "'");
            }
        }
        return new ScoresFile(images, labels.stream().mapToInt(Integer::intValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray(), roi, max, type);
    }

    private static Boolean bool(String s) {
        return switch (s) {
            case "" -> null;
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
