package io.pxrcad.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A score or read file as a header and rows, parsed by {@link io.pxrcad.data.Csv} (RFC 4180,
 * blank lines skipped, a UTF-8 BOM ignored); syntax errors become {@link InvalidScoresException}.
 */
final class Csv {
    private Csv() {}

    /** One record with its 1-based line number in the file. */
    record Row(int line, List<String> fields) {}

    /** The header is the first row. */
    record Table(String file, List<String> header, List<Row> rows) {
        int column(String name) { return header.indexOf(name); }
    }

    static Table read(Path file) throws IOException {
        String name = String.valueOf(file.getFileName());
        List<io.pxrcad.data.Csv.Row> parsed;
        try {
            parsed = io.pxrcad.data.Csv.parse(io.pxrcad.IoErrors.readUtf8("CSV file", file));
        } catch (io.pxrcad.data.Csv.SyntaxException e) {
            throw new InvalidScoresException(name + " line " + e.line() + ": expected a closing quote but the file ended");
        }
        List<Row> rows = new ArrayList<>();
        for (io.pxrcad.data.Csv.Row r : parsed) {
            if (!(r.fields().size() == 1 && r.fields().get(0).isBlank())) rows.add(new Row(r.line(), r.fields()));
        }
        if (rows.isEmpty()) throw new InvalidScoresException(name + ": expected a header line but the file is empty");
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        return new Table(name, header, List.copyOf(rows.subList(1, rows.size())));
    }
}
