package io.pxrcad.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold cross-validation splits (METHOD.md "Evaluation"): in each fold one {@code 1/folds}
 * of the images is the test part, and the rest is divided into train and validation in the
 * ratio {@code trainShare : valShare} (default 70:10, i.e. 70/10/20 of the whole at 5 folds).
 * Stratified by {@link Stratum} (negative / hip / pelvic / positive without type) and grouped
 * by patient: a patient's images always share one part of a fold, and every image is in the
 * test part of exactly one fold. Deterministic for a seed.
 *
 * @param folds      number of folds (>= 2; default 5)
 * @param seed       seed of the patient order
 * @param trainShare share of the whole that trains (default 0.7; only the ratio to valShare matters)
 * @param valShare   share of the whole that validates (default 0.1)
 */
public record KFoldSplitter(int folds, long seed, double trainShare, double valShare) {
    private static final int STRATA = Stratum.values().length;

    public KFoldSplitter {
        if (folds < 2) throw new IllegalArgumentException("folds must be >= 2 but was " + folds);
        if (!(trainShare > 0) || !(valShare >= 0)) {
            throw new IllegalArgumentException("expected trainShare > 0 and valShare >= 0 but were " + trainShare + ", " + valShare);
        }
    }

    /** Five folds, 70/10/20. */
    public KFoldSplitter(long seed) {
        this(5, seed, 0.7, 0.1);
    }

    /**
     * @return one list per fold: all entries, in input order, each with its split set
     * @throws IllegalArgumentException when there are fewer patients than folds
     */
    public List<List<ManifestEntry>> split(List<ManifestEntry> entries) {
        Groups g = Groups.of(entries, seed);
        if (g.members.size() < folds) {
            throw new IllegalArgumentException("cannot make " + folds + " folds from " + g.members.size() + " patients");
        }
        int[] total = g.totals();
        double[][] foldTargets = new double[folds][STRATA];
        for (double[] t : foldTargets) {
            for (int s = 0; s < STRATA; s++) t[s] = (double) total[s] / folds;
        }
        int[] testFold = GroupBalancer.assign(g.vectors(), foldTargets);
        double valOfRest = valShare / (trainShare + valShare);
        List<List<ManifestEntry>> result = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<Integer> rest = new ArrayList<>();
            int[] test = new int[STRATA];
            for (int k = 0; k < testFold.length; k++) {
                if (testFold[k] == f) {
                    for (int s = 0; s < STRATA; s++) test[s] += g.vector(k)[s];
                } else {
                    rest.add(k);
                }
            }
            // aim val at the middle of what keeps both val and train close to their shares of the whole
            double[][] targets = new double[2][STRATA];
            for (int s = 0; s < STRATA; s++) {
                double restShare = 1.0 - 1.0 / folds;
                double wantVal = total[s] * restShare * valOfRest;
                double testError = test[s] - (double) total[s] / folds;
                targets[1][s] = Math.max(0, wantVal - testError / 2);
                targets[0][s] = total[s] - test[s] - targets[1][s];
            }
            int[][] vec = new int[rest.size()][];
            for (int k = 0; k < rest.size(); k++) vec[k] = g.vector(rest.get(k));
            int[] part = GroupBalancer.assign(vec, targets);
            Split[] splitOf = new Split[g.members.size()];
            for (int k = 0; k < testFold.length; k++) if (testFold[k] == f) splitOf[k] = Split.TEST;
            for (int k = 0; k < rest.size(); k++) splitOf[rest.get(k)] = part[k] == 0 ? Split.TRAIN : Split.VAL;
            result.add(g.apply(entries, splitOf));
        }
        return result;
    }

    /**
     * A single train/validation split, patient-grouped and stratified, for manifests without
     * a split column ({@code train} holds out {@code valShare}, default 1/8).
     *
     * @return all entries, in input order, with split TRAIN or VAL
     */
    public static List<ManifestEntry> holdOut(List<ManifestEntry> entries, double valShare, long seed) {
        if (!(valShare > 0 && valShare < 1)) throw new IllegalArgumentException("valShare must be in (0,1) but was " + valShare);
        Groups g = Groups.of(entries, seed);
        int[] total = g.totals();
        double[][] targets = new double[2][STRATA];
        for (int s = 0; s < STRATA; s++) {
            targets[1][s] = total[s] * valShare;
            targets[0][s] = total[s] - targets[1][s];
        }
        int[] part = GroupBalancer.assign(g.vectors(), targets);
        Split[] splitOf = new Split[part.length];
        for (int k = 0; k < part.length; k++) splitOf[k] = part[k] == 0 ? Split.TRAIN : Split.VAL;
        return g.apply(entries, splitOf);
    }

    /** Patients in balancing order (largest groups first, otherwise shuffled by seed). */
    private record Groups(List<List<Integer>> members, Map<String, Integer> groupOf, List<int[]> vecs) {
        static Groups of(List<ManifestEntry> entries, long seed) {
            if (entries.isEmpty()) throw new IllegalArgumentException("cannot split an empty list of entries");
            Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                byPatient.computeIfAbsent(entries.get(i).patient(), p -> new ArrayList<>()).add(i);
            }
            List<List<Integer>> members = new ArrayList<>(byPatient.values());
            Collections.shuffle(members, new Random(seed));
            members.sort(Comparator.comparingInt(m -> -m.size()));
            Map<String, Integer> groupOf = new LinkedHashMap<>();
            List<int[]> vecs = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                int[] v = new int[STRATA];
                for (int i : members.get(k)) v[Stratum.of(entries.get(i)).ordinal()]++;
                vecs.add(v);
                groupOf.put(entries.get(members.get(k).get(0)).patient(), k);
            }
            return new Groups(members, groupOf, vecs);
        }

        int[] vector(int k) { return vecs.get(k); }

        int[][] vectors() { return vecs.toArray(new int[0][]); }

        int[] totals() {
            int[] t = new int[STRATA];
            for (int[] v : vecs) for (int s = 0; s < STRATA; s++) t[s] += v[s];
            return t;
        }

        List<ManifestEntry> apply(List<ManifestEntry> entries, Split[] splitOf) {
            List<ManifestEntry> out = new ArrayList<>(entries.size());
            for (ManifestEntry e : entries) out.add(e.withSplit(splitOf[groupOf.get(e.patient())]));
            return out;
        }
    }
}
