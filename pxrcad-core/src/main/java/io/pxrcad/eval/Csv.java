package io.pxrcad.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, double quotes around fields that hold commas or
 * quotes ({@code ""} inside is a quote), blank lines skipped, a UTF-8 BOM ignored. Quoted
 * fields may not span lines (score and read files never need it).
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
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) line = line.substring(1);
                if (line.isBlank()) continue;
                rows.add(new Row(n, split(line, file.getFileName() + " line " + n)));
            }
        }
        String name = String.valueOf(file.getFileName());
        if (rows.isEmpty()) throw new InvalidScoresException(name + ": expected a header line but the file is empty");
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        return new Table(name, header, List.copyOf(rows.subList(1, rows.size())));
    }

    static List<String> split(String line, String where) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) throw new InvalidScoresException(where + ": expected a closing quote but the line ended");
        out.add(field.toString());
        return out;
    }
}
