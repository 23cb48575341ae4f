package io.pxrcad.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads score columns and a label column from a CSV file with a header (e.g. a predictions
 * file, another model's output, a reader's confidence ratings). Labels are {@code 0}/{@code 1},
 * or, when {@code positive} is given, exactly two distinct strings of which {@code positive} is
 * the positive class. Every problem is reported at once, with line numbers (up to 10 shown).
 */
public final class ScoresCsv {
    private static final int MAX_REPORTED = 10;

    private ScoresCsv() {}

    /**
     * @param positive the label value of the positive class, or null for 0/1 labels
     * @return per requested score column, in the order given, its scores with the labels
     * @throws InvalidScoresException missing columns, bad labels, non-numeric or NaN scores
     */
    public static Map<String, BinaryScores> read(Path file, String labelColumn, List<String> scoreColumns,
                                                 String positive) throws IOException {
        Csv.Table t = Csv.read(file);
        List<String> missing = new ArrayList<>();
        for (String c : concat(labelColumn, scoreColumns)) {
            if (t.column(c) < 0) missing.add("'" + c + "'");
        }
        if (!missing.isEmpty()) {
            throw new InvalidScoresException(t.file() + ": expected column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " but the header has: " + String.join(", ", t.header()));
        }
        if (t.rows().isEmpty()) throw new InvalidScoresException(t.file() + ": expected rows after the header but found none");
        List<String> errors = new ArrayList<>();
        int[] labels = labels(t, t.column(labelColumn), positive, errors);
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (String c : scoreColumns) columns.put(c, numbers(t, c, errors));
        if (!errors.isEmpty()) {
            int more = errors.size() - MAX_REPORTED;
            throw new InvalidScoresException(t.file() + ": " + String.join("; ", errors.subList(0, Math.min(MAX_REPORTED,
                    errors.size()))) + (more > 0 ? "; and " + more + " more" : ""));
        }
        Map<String, BinaryScores> out = new LinkedHashMap<>();
        columns.forEach((name, s) -> out.put(name, BinaryScores.trusted(s, labels)));
        return out;
    }

    private static int[] labels(Csv.Table t, int col, String positive, List<String> errors) {
        int[] out = new int[t.rows().size()];
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Csv.Row r = t.rows().get(i);
            String v = field(r, col).trim();
            if (firstLine.putIfAbsent(v, r.line()) == null && positive == null && !v.equals("0") && !v.equals("1")) {
                invalid.add("'" + v + "' (line " + r.line() + ")");
            }
            out[i] = positive == null ? (v.equals("1") ? 1 : 0) : (v.equals(positive) ? 1 : 0);
        }
        if (!invalid.isEmpty()) {
            errors.add("column " + t.header().get(col) + ": expected labels 0 or 1 but found "
                    + String.join(", ", invalid.subList(0, Math.min(5, invalid.size())))
                    + (invalid.size() > 5 ? ", ..." : "") + "; name the positive label (--positive VALUE) for other labels");
        }
        if (positive != null && (firstLine.size() > 2 || !firstLine.containsKey(positive))) {
            errors.add("column " + t.header().get(col) + ": expected two distinct labels, one of them '" + positive
                    + "', but found " + firstLine.size() + ": " + String.join(", ",
                    firstLine.keySet().stream().limit(5).map(s -> "'" + s + "'").toList())
                    + (firstLine.size() > 5 ? ", ..." : ""));
        }
        return out;
    }

    private static double[] numbers(Csv.Table t, String name, List<String> errors) {
        int col = t.column(name);
        double[] out = new double[t.rows().size()];
        for (int i = 0; i < out.length; i++) {
            Csv.Row r = t.rows().get(i);
            String v = field(r, col).trim();
            try {
                out[i] = Double.parseDouble(v);
                if (!Double.isFinite(out[i])) errors.add("line " + r.line() + ": column " + name
                        + ": expected a finite number but was '" + v + "'");
            } catch (NumberFormatException e) {
                errors.add("line " + r.line() + ": column " + name + ": expected a number but was '" + v + "'");
            }
        }
        return out;
    }

    private static String field(Csv.Row r, int col) {
        return col < r.fields().size() ? r.fields().get(col) : "";
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }
}
