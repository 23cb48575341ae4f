package io.pxrcad.data;

import io.pxrcad.DataException;
import io.pxrcad.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files a command was pointed at: the files under a folder (recursively, sorted by
 * path so that every run sees the same order), or the {@code image} column of a CSV (a manifest's,
 * or any table with that or a {@code path} column; relative paths against the CSV's folder, as a
 * manifest's). Only paths: whether a file decodes is for the reader to find out. Files whose
 * extension says they are not images (CSV, JSON, weights, ...) and hidden files are left out of
 * a folder, so that a model or manifest kept beside the images is not taken for one.
 */
public final class ImageFiles {
    private static final Set<String> SKIP = Set.of("csv", "json", "jsonl", "md", "txt", "yaml", "yml", "html", "svg",
            "safetensors", "xml", "log");
    private static final List<String> PATH_COLUMNS = List.of("image", "path");

    private ImageFiles() {}

    /**
     * Each folder's images ({@link #inFolder}) and each file as given, in order; a missing file is
     * kept (its reader reports it, like an unreadable one).
     *
     * @throws DataException when there is no image at all
     */
    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isDirectory(in)) {
                files.addAll(inFolder(in));
            } else {
                files.add(in);
            }
        }
        if (files.isEmpty()) throw new DataException("no images found in " + inputs);
        return files;
    }

    /** The images under a folder, recursively, sorted by path; possibly none. */
    public static List<Path> inFolder(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(ImageFiles::looksLikeImage).sorted().toList();
        }
    }

    /**
     * The images of a folder ({@link #inFolder}) or of a CSV file ({@link #listed}).
     *
     * @param option the option that named it, for messages (e.g. {@code --images})
     * @throws DataException when the path does not exist or names no image
     */
    public static List<Path> of(Path folderOrCsv, String option) throws IOException {
        if (!Files.exists(folderOrCsv)) {
            throw new DataException(option + ": no such folder or CSV file: " + folderOrCsv);
        }
        List<Path> files = Files.isDirectory(folderOrCsv) ? inFolder(folderOrCsv) : listed(folderOrCsv);
        if (files.isEmpty()) {
            throw new DataException(option + ": no images found in " + folderOrCsv);
        }
        return files;
    }

    /**
     * The {@code image} (else {@code path}) column of a CSV file with a header, in file order,
     * each image once, resolved against the file's folder; every other column is ignored.
     *
     * @throws DataException when the file is not such a CSV
     */
    public static List<Path> listed(Path csv) {
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(IoErrors.readUtf8("CSV file", csv));
        } catch (Csv.SyntaxException e) {
            throw new DataException(csv + ":" + e.line() + ": " + e.getMessage());
        }
        if (rows.isEmpty()) throw new DataException("expected a CSV header with an image column but " + csv + " is empty");
        List<String> header = rows.get(0).fields().stream().map(String::trim).toList();
        int col = PATH_COLUMNS.stream().mapToInt(header::indexOf).filter(i -> i >= 0).findFirst()
                .orElseThrow(() -> new DataException("expected a column 'image' (or 'path') in " + csv
                        + " but found " + String.join(", ", header)));
        Path dir = csv.toAbsolutePath().getParent();
        Set<Path> files = new LinkedHashSet<>();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String image = col < row.fields().size() ? row.fields().get(col).trim() : "";
            if (!image.isEmpty()) files.add(dir.resolve(image));
        }
        return List.copyOf(files);
    }

    private static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) return false;
        int dot = name.lastIndexOf('.');
        return dot < 0 || !SKIP.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
