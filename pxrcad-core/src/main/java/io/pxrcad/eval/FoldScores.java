package io.pxrcad.eval;

import io.pxrcad.AtomicFiles;
import io.pxrcad.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The test-part scores of one method in one cross-validation fold: {@code image,label,score} and,
 * for the two-stage method, {@code roi_hit,max_hit,type_correct} (1/0, empty where undefined),
 * written atomically so that a file that exists is complete.
 *
 * <p>Not {@link ScoresCsv}: that one reads any user's CSV by column name into
 * {@link BinaryScores}; this is pxrcad's own fixed format, which keeps the image of every score
 * (folds of different methods are paired by image) and the per-image localisation judgements.
 *
 * @param source where the scores were read from, named in messages; null when made in memory
 */
public record FoldScores(String source, List<String> images, int[] labels, double[] scores, List<Boolean> roiHit,
                         List<Boolean> maxHit, List<Boolean> typeCorrect) {
    public static final List<String> HEADER = List.of("image", "label", "score", "roi_hit", "max_hit", "type_correct");

    public FoldScores {
        int n = images.size();
        if (labels.length != n || scores.length != n || roiHit.size() != n || maxHit.size() != n || typeCorrect.size() != n) {
            throw new IllegalArgumentException("score file columns differ in length");
        }
    }

    /** With the localisation judgements (null where undefined). */
    public FoldScores(List<String> images, int[] labels, double[] scores, List<Boolean> roiHit, List<Boolean> maxHit,
                      List<Boolean> typeCorrect) {
        this(null, images, labels, scores, roiHit, maxHit, typeCorrect);
    }

    /** Scores without localisation judgements. */
    public static FoldScores plain(List<String> images, int[] labels, double[] scores) {
        List<Boolean> none = Collections.nCopies(images.size(), null);
        return new FoldScores(images, labels, scores, none, none, none);
    }

    /** The scores with their labels, for the metric functions. */
    public BinaryScores binary() {
        return BinaryScores.of(scores, labels);
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (int i = 0; i < images.size(); i++) {
            sb.append(io.pxrcad.data.Csv.join(List.of(images.get(i), Integer.toString(labels[i]),
                    String.format(Locale.ROOT, "%.9g", scores[i]), bool(roiHit.get(i)), bool(maxHit.get(i)),
                    bool(typeCorrect.get(i))))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public static FoldScores read(Path file) throws IOException {
        List<io.pxrcad.data.Csv.Row> rows;
        try {
            rows = io.pxrcad.data.Csv.parse(IoErrors.readUtf8("scores file", file));
        } catch (io.pxrcad.data.Csv.SyntaxException e) {
            throw new InvalidScoresException(file + ": line " + e.line() + ": " + e.getMessage());
        }
        if (rows.isEmpty() || !rows.get(0).fields().equals(HEADER)) {
            throw new InvalidScoresException(file + ": expected header " + String.join(",", HEADER) + " (a pxrcad cv scores file)");
        }
        List<String> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Boolean> roi = new ArrayList<>(), max = new ArrayList<>(), type = new ArrayList<>();
        for (io.pxrcad.data.Csv.Row row : rows.subList(1, rows.size())) {
            List<String> f = row.fields();
            try {
                images.add(f.get(0));
                labels.add(Integer.parseInt(f.get(1)));
                scores.add(Double.parseDouble(f.get(2)));
                roi.add(bool(f.get(3)));
                max.add(bool(f.get(4)));
                type.add(bool(f.get(5)));
            } catch (RuntimeException e) {
                throw new InvalidScoresException(file + ": line " + row.line() + ": expected " + HEADER.size()
                        + " fields image,label,score,... but was '" + io.pxrcad.data.Csv.join(f) + "'");
            }
        }
        return new FoldScores(file.toString(), images, labels.stream().mapToInt(Integer::intValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray(), roi, max, type);
    }

    private static String bool(Boolean b) { return b == null ? "" : b ? "1" : "0"; }

    private static Boolean bool(String s) {
        return switch (s) {
            case "" -> null;
            case "1" -> Boolean.TRUE;
            case "0" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
