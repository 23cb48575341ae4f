package io.pxrcad.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.Pointing;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.mining.ProbabilityMap;
import io.pxrcad.model.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Where in each positive training image the fracture probably is, from image labels alone
 * ({@link TrainConfig#pseudoCells()}): every negative image shows normal anatomy only, so a place in a
 * positive image whose early features match none of the negatives' features there is unusual, and
 * the most unusual places of a positive image are likely its fracture. Nearest-neighbour anomaly
 * scoring with the negatives as the memory bank (as PatchCore, Roth et al. 2022), on the features of
 * stage 1's first {@link #BLOCKS} VGG stages (stride 4: thin fracture lines survive there, and
 * deeper features proved worse at this), each position's vector L2-normalised, compared within
 * {@link #REACH} positions of the same place (radiographs are roughly aligned, not exactly).
 * A position's score is its squared distance to the nearest such negative feature; a map cell's is
 * the highest of its positions; the {@link #PER_IMAGE} highest cells of each positive are chosen.
 *
 * <p>Why: pooled image-level BCE alone left stage 1 at chance on some cohorts (it never found out
 * which cell to credit); given these few cells as targets it learns them (README, issue 19).
 *
 * @param mapSide side of stage 1's map in cells
 * @param chosen  for each image of the source, in its order, the chosen cells (row-major indices):
 *                empty for negatives
 * @param normal  likewise, the cells of each positive that look the most normal (target 0; {@link TrainConfig#normalCellShare()})
 */
public record AnomalyCells(int mapSide, List<int[]> chosen, List<int[]> normal) {
    /** VGG stages whose output is compared (stride 2^BLOCKS). */
    static final int BLOCKS = 2;
    /** Cells chosen per positive image. */
    static final int PER_IMAGE = 2;
    /** Positions either way searched for the nearest negative feature. */
    static final int REACH = 1;

    public AnomalyCells {
        chosen = chosen.stream().map(int[]::clone).toList();
        normal = normal.stream().map(int[]::clone).toList();
        if (normal.size() != chosen.size()) {
            throw new IllegalArgumentException("normal cells for " + normal.size() + " images but chosen cells for " + chosen.size());
        }
    }

    AnomalyCells(int mapSide, List<int[]> chosen) {
        this(mapSide, chosen, chosen.stream().map(c -> new int[0]).toList());
    }

    /**
     * Chooses the cells of every positive image of {@code src} from {@code network}'s early features
     * (evaluation mode, no augmentation), {@code batch} images per forward pass: the {@link #PER_IMAGE}
     * most anomalous, and the {@code normalShare} of its cells that are the least ({@link #normal()}).
     */
    static AnomalyCells of(Network network, NDManager manager, ImageSource src, Preprocessor preprocessor, int mapSide,
                           int batch, double normalShare) throws IOException {
        Features f = features(network, manager, src, preprocessor, batch);
        List<float[]> negatives = new ArrayList<>(), negativeNorms = new ArrayList<>();
        for (int i = 0; i < src.size(); i++) {
            if (src.entry(i).positive()) continue;
            negatives.add(f.values.get(i));
            negativeNorms.add(f.norms.get(i));
        }
        int[][] out = new int[src.size()][], low = new int[src.size()][];
        // the chosen cells are never also among the normal ones
        int lowCount = Math.min((int) Math.round(normalShare * mapSide * mapSide), mapSide * mapSide - PER_IMAGE);
        IntStream.range(0, src.size()).parallel().forEach(i -> {
            if (!src.entry(i).positive()) {
                out[i] = new int[0];
                low[i] = new int[0];
                return;
            }
            float[] scores = cellScores(f.values.get(i), f.norms.get(i), negatives, negativeNorms, f.side, f.channels, mapSide);
            out[i] = top(scores, PER_IMAGE);
            float[] neg = scores.clone();
            for (int k = 0; k < neg.length; k++) neg[k] = -neg[k];
            low[i] = top(neg, lowCount);
        });
        return new AnomalyCells(mapSide, Arrays.asList(out), Arrays.asList(low));
    }

    /**
     * The targets chosen again from stage 1's own maps ({@link TrainConfig#refineCellsAfter()}): in each
     * positive, its {@link #PER_IMAGE} highest cells; the normal cells of {@code previous} kept.
     *
     * @param maps    stage 1's map of every image, in the order of {@code previous}
     * @param entries the images, in the same order
     */
    static AnomalyCells fromMaps(List<ProbabilityMap> maps, List<ManifestEntry> entries, AnomalyCells previous) {
        if (maps.size() != previous.chosen().size() || entries.size() != maps.size()) {
            throw new IllegalArgumentException(maps.size() + " maps and " + entries.size() + " images for the targets of "
                    + previous.chosen().size() + " images");
        }
        int side = previous.mapSide();
        List<int[]> chosen = new ArrayList<>(maps.size());
        for (int i = 0; i < maps.size(); i++) {
            ProbabilityMap m = maps.get(i);
            if (m.width() != side || m.height() != side) {
                throw new IllegalArgumentException("a " + m.width() + "x" + m.height() + " map for targets of side " + side);
            }
            chosen.add(entries.get(i).positive() ? m.highest(PER_IMAGE).stream().mapToInt(c -> c.row() * side + c.col()).toArray() : new int[0]);
        }
        return new AnomalyCells(side, chosen, previous.normal());
    }

    /**
     * Each image's early features, position-major ({@code side*side} positions of {@code channels}),
     * normalised, and each position's squared norm (1, or 0 for an all-zero vector), computed once.
     */
    record Features(List<float[]> values, List<float[]> norms, int side, int channels) {}

    static Features features(Network network, NDManager manager, ImageSource src, Preprocessor preprocessor, int batch)
            throws IOException {
        int s = src.imageSize();
        List<float[]> values = new ArrayList<>(src.size()), norms = new ArrayList<>(src.size());
        int side = 0, channels = 0;
        for (int from = 0; from < src.size(); from += batch) {
            int m = Math.min(batch, src.size() - from);
            float[] x = new float[m * 3 * s * s];
            for (int k = 0; k < m; k++) preprocessor.toInput(src.gray(from + k), s, x, k * 3 * s * s);
            try (NDManager sub = manager.newSubManager()) {
                NDArray y = network.backbone().early(new ParameterStore(sub, false),
                        new NDList(sub.create(x, new Shape(m, 3, s, s))), BLOCKS).head();
                channels = (int) y.getShape().get(1);
                side = (int) y.getShape().get(2);
                // (m,C,h,w) -> (m,h,w,C): each position's vector contiguous
                float[] nhwc = y.transpose(0, 2, 3, 1).toFloatArray();
                int per = side * side * channels;
                for (int k = 0; k < m; k++) {
                    float[] v = Arrays.copyOfRange(nhwc, k * per, (k + 1) * per);
                    normalise(v, channels);
                    values.add(v);
                    norms.add(squaredNorms(v, channels));
                }
            }
        }
        return new Features(values, norms, side, channels);
    }

    /** Scales each consecutive vector of {@code channels} values to unit length; an all-zero one stays zero. */
    static void normalise(float[] v, int channels) {
        for (int p = 0; p < v.length; p += channels) {
            double sq = 0;
            for (int c = 0; c < channels; c++) sq += v[p + c] * v[p + c];
            if (sq == 0) continue;
            float inv = (float) (1 / Math.sqrt(sq));
            for (int c = 0; c < channels; c++) v[p + c] *= inv;
        }
    }

    /**
     * The anomaly score of each map cell of an image ({@code mapSide*mapSide}, row-major): the highest,
     * over the cell's feature positions, of the squared distance to the nearest feature of any negative
     * within {@link #REACH} positions. Features normalised ({@link #normalise}), {@code side*side*channels},
     * with their squared norms per position ({@link #squaredNorms}); no negatives: all 0.
     */
    static float[] cellScores(float[] image, float[] norm, List<float[]> negatives, List<float[]> negativeNorms, int side,
                              int channels, int mapSide) {
        if (side % mapSide != 0) {
            throw new IllegalArgumentException("feature side " + side + " is not a multiple of map side " + mapSide);
        }
        float[] cells = new float[mapSide * mapSide];
        if (negatives.isEmpty()) return cells;
        int positions = side * side;
        float[] nearest = new float[positions];
        Arrays.fill(nearest, Float.MAX_VALUE);
        for (int n = 0; n < negatives.size(); n++) {
            float[] neg = negatives.get(n), negNorm = negativeNorms.get(n);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int p = y * side + x;
                    float best = nearest[p];
                    for (int ny = Math.max(0, y - REACH); ny <= Math.min(side - 1, y + REACH); ny++) {
                        for (int nx = Math.max(0, x - REACH); nx <= Math.min(side - 1, x + REACH); nx++) {
                            int q = ny * side + nx;
                            float dot = 0;
                            for (int c = 0; c < channels; c++) dot += image[p * channels + c] * neg[q * channels + c];
                            float d = norm[p] + negNorm[q] - 2 * dot;
                            if (d < best) best = d;
                        }
                    }
                    nearest[p] = best;
                }
            }
        }
        int per = side / mapSide;
        // distances are >= 0 (up to rounding), so 0 is a safe start for the maximum
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int c = (y / per) * mapSide + x / per;
                cells[c] = Math.max(cells[c], nearest[y * side + x]);
            }
        }
        return cells;
    }

    static float[] squaredNorms(float[] v, int channels) {
        float[] out = new float[v.length / channels];
        for (int p = 0; p < out.length; p++) {
            float sq = 0;
            for (int c = 0; c < channels; c++) sq += v[p * channels + c] * v[p * channels + c];
            out[p] = sq;
        }
        return out;
    }

    /** Indices of the {@code k} highest scores, highest first (ties: the lower index). */
    static int[] top(float[] scores, int k) {
        return IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The cell targets and mask of image {@code i} ({@code mapSide^2} each, row-major) into the arrays
     * at {@code offset}: a negative's cells all 0 and all masked; a positive's chosen cells 1 and
     * masked, its other cells unmasked. {@code mirrored}: the image was flipped left-right.
     */
    void fill(int i, boolean positive, boolean mirrored, float[] targets, float[] mask, int offset) {
        int cells = mapSide * mapSide;
        if (!positive) {
            Arrays.fill(mask, offset, offset + cells, 1f);
            return;
        }
        for (int c : normal.get(i)) mask[offset + seen(c, mirrored)] = 1f;
        for (int c : chosen.get(i)) {
            int at = offset + seen(c, mirrored);
            targets[at] = 1f;
            mask[at] = 1f;
        }
    }

    /** Cell {@code c} of the image as the network sees it: the same, or its left-right mirror. */
    private int seen(int c, boolean mirrored) {
        int col = c % mapSide;
        return mirrored ? c - col + mapSide - 1 - col : c;
    }

    /** Writes the cells as {@code image<TAB>chosen,cells<TAB>normal,cells} lines, in the source's order (atomically). */
    void write(Path file, List<ManifestEntry> entries) throws IOException {
        StringBuilder sb = new StringBuilder("# stage 1 cell targets: map side " + mapSide + ", row-major cell indices\n");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(entries.get(i).image()).append('\t').append(Arrays.stream(chosen.get(i)).mapToObj(String::valueOf)
                    .collect(Collectors.joining(","))).append('\t').append(Arrays.stream(normal.get(i)).mapToObj(String::valueOf)
                    .collect(Collectors.joining(","))).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    /** What {@link #write} wrote for the same images in the same order; a clear error for anything else. */
    static AnomalyCells read(Path file, List<ManifestEntry> entries, int mapSide) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
        if (lines.size() != entries.size()) {
            throw new DataException(file + ": cell targets for " + lines.size() + " images but the run trains on "
                    + entries.size() + "; start a new run instead of resuming");
        }
        List<int[]> chosen = new ArrayList<>(), normal = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 3 || !f[0].equals(entries.get(i).image())) {
                throw new DataException(file + " line " + (i + 2) + ": expected image " + entries.get(i).image()
                        + " and its cells but was '" + lines.get(i) + "'");
            }
            chosen.add(cellList(f[1], mapSide, file, i + 2));
            normal.add(cellList(f[2], mapSide, file, i + 2));
        }
        return new AnomalyCells(mapSide, chosen, normal);
    }

    private static int[] cellList(String text, int mapSide, Path file, int line) {
        try {
            int[] c = text.isEmpty() ? new int[0] : Arrays.stream(text.split(",")).mapToInt(Integer::parseInt).toArray();
            for (int v : c) {
                if (v < 0 || v >= mapSide * mapSide) throw new NumberFormatException("cell " + v + " outside the map");
            }
            return c;
        } catch (NumberFormatException e) {
            throw new DataException(file + " line " + line + ": bad cell list '" + text + "'");
        }
    }

    /**
     * Evaluation only (boxes never enter training): of the positives with boxes, how many have their
     * first chosen cell's centre inside a true box; {@code {hits, withBoxes}}.
     *
     * @param sizes each image's original {@code {width, height}}, null where it has no boxes
     */
    int[] firstInBox(List<ManifestEntry> entries, List<int[]> sizes) {
        int hits = 0, boxed = 0;
        for (int i = 0; i < entries.size(); i++) {
            ManifestEntry e = entries.get(i);
            if (!e.positive() || e.boxes().isEmpty() || chosen.get(i).length == 0) continue;
            int c = chosen.get(i)[0];
            if (Pointing.cellHit(e.boxes(), c % mapSide, c / mapSide, mapSide, mapSide, sizes.get(i)[0], sizes.get(i)[1])) hits++;
            boxed++;
        }
        return new int[] {hits, boxed};
    }

    /** {@link #firstInBox} for a log line: {@code "; the first lies in a true box for ..."}, or empty without boxes. */
    String firstInBoxNote(List<ManifestEntry> entries, List<int[]> sizes) {
        int[] inBox = firstInBox(entries, sizes);
        return inBox[1] == 0 ? "" : String.format("; the first lies in a true box for %d of %d (%.2f; boxes only evaluate)",
                inBox[0], inBox[1], inBox[0] / (double) inBox[1]);
    }
}
