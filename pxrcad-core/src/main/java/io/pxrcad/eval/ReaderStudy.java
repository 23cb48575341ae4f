package io.pxrcad.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The reader study of METHOD.md (paper Table 2) as pure arithmetic over answers.
 *
 * <p>Rows: the system; every reader; every specialty and all readers together, each as the
 * <em>average of its readers' metrics</em> (every reader weighs the same). CIs: a stratified
 * percentile bootstrap over images (strata: the true class), the same resamples for every
 * row, so that reader averages carry image variability; reader variability is not modelled.
 *
 * <p>The test of system vs reader average ({@link #compare}) uses per-image differences
 * {@code d_i = [system correct on i] - mean over readers of [reader correct on i]}; the
 * statistic is {@code mean(d)} (the accuracy difference when every reader read every image).
 * Its two-sided p-value comes from a paired sign-flip permutation test (under the null, the
 * system and the reader average are exchangeable on each image, so each {@code d_i} is
 * equally likely to have either sign): {@code p = (1 + #{|mean(s d)| >= |mean(d)|}) / (1 + B)}.
 */
public final class ReaderStudy {
    private ReaderStudy() {}

    /**
     * @param truth  the true answer of every study image (images in reads must be here)
     * @param system the system's answer on every image of {@code truth}
     * @param reads  readers' answers (any subset of images per reader)
     * @throws InvalidReadsException unknown images, images without a system answer, no reads
     */
    public static ReaderStudyResult analyse(Map<String, FractureAnswer> truth, Map<String, FractureAnswer> system,
                                            List<Read> reads, Bootstrap bootstrap) {
        if (truth.isEmpty()) throw new InvalidReadsException("expected the truth of at least one image but got none");
        if (reads.isEmpty()) throw new InvalidReadsException("expected at least one read but got none");
        List<String> images = new ArrayList<>(new TreeMap<>(truth).keySet());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) index.put(images.get(i), i);
        FractureAnswer[] t = new FractureAnswer[images.size()];
        FractureAnswer[] sys = new FractureAnswer[images.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            t[i] = truth.get(images.get(i));
            sys[i] = system.get(images.get(i));
            if (sys[i] == null) missing.add(images.get(i));
        }
        if (!missing.isEmpty()) {
            throw new InvalidReadsException("expected a system answer for every study image but " + missing.size()
                    + " have none, e.g. " + String.join(", ", missing.subList(0, Math.min(5, missing.size()))));
        }
        Map<String, FractureAnswer[]> byReader = new TreeMap<>();
        Map<String, String> specialtyOf = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Read r : reads) {
            Integer i = index.get(r.image());
            if (i == null) {
                if (unknown.size() < 5) unknown.add(r.image());
                continue;
            }
            byReader.computeIfAbsent(r.reader(), k -> new FractureAnswer[t.length])[i] = r.answer();
            specialtyOf.put(r.reader(), r.specialty());
        }
        if (!unknown.isEmpty()) {
            throw new InvalidReadsException("expected reads of study images only but found images without a truth, e.g. "
                    + String.join(", ", unknown));
        }
        int[] strata = new int[t.length];
        for (int i = 0; i < t.length; i++) strata[i] = t[i].ordinal();

        List<ReaderStudyRow> rows = new ArrayList<>();
        rows.add(row("system", "system", "", java.util.Collections.singletonList(sys), t, strata, bootstrap));
        byReader.forEach((name, a) -> rows.add(row(name, "reader", specialtyOf.get(name), java.util.Collections.singletonList(a), t, strata, bootstrap)));
        Map<String, List<FractureAnswer[]>> bySpecialty = new TreeMap<>();
        byReader.forEach((name, a) -> bySpecialty.computeIfAbsent(specialtyOf.get(name), k -> new ArrayList<>()).add(a));
        bySpecialty.forEach((s, group) -> rows.add(row(s, "specialty", s, group, t, strata, bootstrap)));
        List<FractureAnswer[]> all = new ArrayList<>(byReader.values());
        rows.add(row("reader average", "average", "", all, t, strata, bootstrap));
        return new ReaderStudyResult(rows, compare(sys, all, t, strata, bootstrap));
    }

    /**
     * The study images each reader did not answer (readers who answered all are absent), so that
     * a partial read is reported rather than averaged over silently.
     */
    public static Map<String, List<String>> unanswered(java.util.Collection<String> studyImages, List<Read> reads) {
        Map<String, java.util.Set<String>> answered = new TreeMap<>();
        for (Read r : reads) answered.computeIfAbsent(r.reader(), k -> new java.util.HashSet<>()).add(r.image());
        Map<String, List<String>> missing = new TreeMap<>();
        answered.forEach((reader, seen) -> {
            List<String> m = studyImages.stream().filter(i -> !seen.contains(i)).sorted().toList();
            if (!m.isEmpty()) missing.put(reader, m);
        });
        return missing;
    }

    /** Accuracy of the system minus the reader average: bootstrap CI and sign-flip permutation p. */
    static PairedComparison compare(FractureAnswer[] sys, List<FractureAnswer[]> readers, FractureAnswer[] truth,
                                    int[] strata, Bootstrap bootstrap) {
        double[] d = new double[truth.length];
        boolean[] read = new boolean[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double sum = 0;
            int n = 0;
            for (FractureAnswer[] r : readers) {
                if (r[i] == null) continue;
                sum += r[i] == truth[i] ? 1 : 0;
                n++;
            }
            read[i] = n > 0;
            d[i] = read[i] ? (sys[i] == truth[i] ? 1 : 0) - sum / n : 0;
        }
        ConfidenceInterval ci = bootstrap.interval(strata, idx -> meanOver(d, read, idx));
        double observed = ci.estimate();
        int permutations = bootstrap.resamples();
        SplittableRandom random = new SplittableRandom(bootstrap.seed() ^ 0x5DEECE66DL);
        int extreme = 0;
        int[] all = ThreeClassMetrics.identity(d.length);
        for (int b = 0; b < permutations; b++) {
            double sum = 0;
            int n = 0;
            for (int i : all) {
                if (!read[i]) continue;
                sum += random.nextBoolean() ? d[i] : -d[i];
                n++;
            }
            if (Math.abs(sum / n) >= Math.abs(observed) - 1e-12) extreme++;
        }
        double p = (1.0 + extreme) / (1.0 + permutations);
        return new PairedComparison("accuracy (system - reader average)", observed, ci, p, permutations,
                "paired sign-flip permutation test on per-image correctness differences; "
                        + "stratified percentile bootstrap CI");
    }

    private static double meanOver(double[] d, boolean[] read, int[] idx) {
        double sum = 0;
        int n = 0;
        for (int i : idx) {
            if (!read[i]) continue;
            sum += d[i];
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static ReaderStudyRow row(String name, String kind, String specialty, List<FractureAnswer[]> group,
                                      FractureAnswer[] truth, int[] strata, Bootstrap bootstrap) {
        ConfidenceInterval[] ci = new ConfidenceInterval[ThreeClassMetrics.COUNT];
        for (int k = 0; k < ci.length; k++) {
            int metric = k;
            // Same seed for every metric and row: all rows see the same image resamples.
            ci[k] = bootstrap.interval(strata, idx -> groupMean(group, truth, idx, metric));
        }
        int images = 0;
        for (FractureAnswer[] a : group) {
            int n = 0;
            for (FractureAnswer x : a) if (x != null) n++;
            images = Math.max(images, n);
        }
        return new ReaderStudyRow(name, kind, specialty, kind.equals("system") ? 0 : group.size(), images,
                ci[0], ci[1], ci[2], ci[3], ci[4]);
    }

    /** Mean over the group's members of one metric on the resampled images (NaN members skipped). */
    private static double groupMean(List<FractureAnswer[]> group, FractureAnswer[] truth, int[] idx, int metric) {
        double sum = 0;
        int n = 0;
        for (FractureAnswer[] a : group) {
            double v = ThreeClassMetrics.values(a, truth, idx)[metric];
            if (Double.isNaN(v)) continue;
            sum += v;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
