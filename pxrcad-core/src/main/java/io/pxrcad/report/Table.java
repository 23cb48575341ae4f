package io.pxrcad.report;

import java.util.List;
import java.util.Set;

/**
 * A table for a report: caption, column headers, rows of already formatted cells, an
 * optional note printed under it and rows to set in bold (0-based, e.g. the system and the
 * reader average). Columns whose cells all look numeric are right-aligned.
 */
public record Table(String caption, List<String> header, List<List<String>> rows, String note, Set<Integer> emphasized) {
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
        emphasized = Set.copyOf(emphasized);
    }

    public Table(String caption, List<String> header, List<List<String>> rows, String note) {
        this(caption, header, rows, note, Set.of());
    }

    public Table(String caption, List<String> header, List<List<String>> rows) {
        this(caption, header, rows, "", Set.of());
    }

    public Table withNote(String newNote) { return new Table(caption, header, rows, newNote, emphasized); }

    public Table withEmphasis(Integer... rowIndices) { return new Table(caption, header, rows, note, Set.of(rowIndices)); }
}
