package io.pxrcad.data;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields separated by commas, optionally quoted with {@code "}; inside quotes
 * commas, line breaks and {@code ""} (one quote) are literal. Lines end with LF or CRLF.
 * Each record remembers the line on which it starts, for error messages. The one CSV reader and
 * writer of pxrcad (manifests, scores, reads, predictions).
 */
public final class Csv {
    /** A record and the 1-based line on which it starts. */
    public record Row(int line, List<String> fields) {}

    /** Thrown for an unterminated quote (the only unrecoverable syntax error). */
    public static final class SyntaxException extends Exception {
        private final int line;
        SyntaxException(int line, String message) { super(message); this.line = line; }
        /** The line on which the unterminated field starts. */
        public int line() { return line; }
    }

    private Csv() {}

    /** A field as written: quoted (with {@code ""} for a quote) only when it holds a comma, quote or line break. */
    public static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** One record: the fields quoted as needed, joined by commas (no line end). */
    public static String join(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(quote(fields.get(i)));
        }
        return sb.toString();
    }

    /** Parses the text into rows; blank lines are skipped. A leading BOM is ignored. */
    public static List<Row> parse(String text) throws SyntaxException {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1, rowLine = 1;
        boolean quoted = false, wasQuoted = false;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                if (!(fields.size() == 1 && fields.get(0).isEmpty())) {
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                line++;
                rowLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new SyntaxException(rowLine, "unterminated quoted field");
        }
        if (!field.isEmpty() || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }
}
