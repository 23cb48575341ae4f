package io.pxrcad.report;

import java.util.List;

/**
 * A table for a report: caption, column headers, rows of already formatted cells and an
 * optional note printed under it. Columns whose cells all look numeric are right-aligned.
 */
public record Table(String caption, List<String> header, List<List<String>> rows, String note) {
    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException("expected " + header.size() + " cells in row " + i + " but got "
                        + rows.get(i).size());
            }
        }
        note = note == null ? "" : note;
    }

    public Table(String caption, List<String> header, List<List<String>> rows) {
        this(caption, header, rows, "");
    }

    public Table withNote(String newNote) { return new Table(caption, header, rows, newNote); }
}
