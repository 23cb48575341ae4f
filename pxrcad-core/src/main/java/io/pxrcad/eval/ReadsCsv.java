package io.pxrcad.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a reader-study file {@code reader,specialty,image,answer} (header required, columns
 * in any order, extra columns ignored). Every problem is reported at once with its line
 * number: blank fields, answers other than hip/pelvic/none, a reader answering the same image
 * twice, a reader listed under two specialties.
 */
public final class ReadsCsv {
    static final List<String> COLUMNS = List.of("reader", "specialty", "image", "answer");
    private static final int MAX_REPORTED = 20;

    private ReadsCsv() {}

    /** @throws InvalidReadsException listing every problem with its line number */
    public static List<Read> read(Path file) throws IOException {
        Csv.Table t;
        try {
            t = Csv.read(file);
        } catch (InvalidScoresException e) {
            throw new InvalidReadsException(e.getMessage());
        }
        List<String> missing = COLUMNS.stream().filter(c -> t.column(c) < 0).toList();
        if (!missing.isEmpty()) {
            throw new InvalidReadsException(t.file() + ": expected columns reader, specialty, image, answer but "
                    + "column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing (header: "
                    + String.join(", ", t.header()) + ")");
        }
        List<String> errors = new ArrayList<>();
        List<Read> reads = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> specialtyOf = new HashMap<>();
        for (Csv.Row row : t.rows()) {
            String reader = field(row, t.column("reader"));
            String specialty = field(row, t.column("specialty"));
            String image = field(row, t.column("image"));
            String answer = field(row, t.column("answer"));
            int before = errors.size();
            for (String c : COLUMNS) {
                if (field(row, t.column(c)).isEmpty()) errors.add("line " + row.line() + ": " + c + " is empty");
            }
            FractureAnswer a = FractureAnswer.parseOrNull(answer);
            if (!answer.isEmpty() && a == null) {
                errors.add("line " + row.line() + ": expected answer hip, pelvic or none but was '" + answer + "'");
            }
            if (errors.size() > before) continue;
            Integer first = seen.putIfAbsent(reader + "\u0000" + image, row.line());
            if (first != null) {
                errors.add("line " + row.line() + ": reader " + reader + " already answered image " + image
                        + " on line " + first);
            }
            String known = specialtyOf.putIfAbsent(reader, specialty);
            if (known != null && !known.equals(specialty)) {
                errors.add("line " + row.line() + ": reader " + reader + " has specialty '" + specialty
                        + "' but '" + known + "' earlier");
            }
            reads.add(new Read(reader, specialty, image, a));
        }
        if (!errors.isEmpty()) {
            int more = errors.size() - MAX_REPORTED;
            throw new InvalidReadsException(t.file() + ": " + String.join("; ",
                    errors.subList(0, Math.min(errors.size(), MAX_REPORTED))) + (more > 0 ? "; and " + more + " more" : ""));
        }
        if (reads.isEmpty()) throw new InvalidReadsException(t.file() + ": expected reads after the header but found none");
        return List.copyOf(reads);
    }

    private static String field(Csv.Row r, int col) {
        return col < r.fields().size() ? r.fields().get(col).trim() : "";
    }
}
