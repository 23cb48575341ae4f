package io.pxrcad.data;

import io.pxrcad.FractureType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KFoldSplitterTest {
    private static final Map<Split, Double> SHARE = Map.of(Split.TRAIN, 0.7, Split.VAL, 0.1, Split.TEST, 0.2);

    /** 1,000 images: ~85% of patients with one image, the rest with 2 or 3 (strata drawn independently). */
    static List<ManifestEntry> manifest(int n, long seed) {
        Random r = new Random(seed);
        List<ManifestEntry> out = new ArrayList<>();
        int patient = 0;
        while (out.size() < n) {
            double u = r.nextDouble();
            int images = Math.min(n - out.size(), u < 0.85 ? 1 : u < 0.95 ? 2 : 3);
            String p = "P" + (patient++);
            for (int k = 0; k < images; k++) {
                double v = r.nextDouble();
                int label = v < 0.5 ? 0 : 1;
                Optional<FractureType> type = v < 0.5 ? Optional.empty() : v < 0.75 ? Optional.of(FractureType.HIP)
                        : v < 0.95 ? Optional.of(FractureType.PELVIC) : Optional.empty();
                out.add(new ManifestEntry("img" + out.size() + ".png", p, label, type, List.of(), Optional.empty()));
            }
        }
        return out;
    }

    private final List<ManifestEntry> entries = manifest(1000, 42);

    @Test
    void noPatientLeakAndEachImageTestedOnce() {
        List<List<ManifestEntry>> folds = new KFoldSplitter(1).split(entries);
        assertThat(folds).hasSize(5);
        Map<String, Integer> testedIn = new HashMap<>();
        for (int f = 0; f < 5; f++) {
            List<ManifestEntry> fold = folds.get(f);
            assertThat(fold).hasSize(1000);
            Map<String, Split> partOf = new HashMap<>();
            for (int i = 0; i < fold.size(); i++) {
                ManifestEntry e = fold.get(i);
                assertThat(e.image()).isEqualTo(entries.get(i).image()); // input order kept
                Split s = e.split().orElseThrow();
                Split prev = partOf.putIfAbsent(e.patient(), s);
                assertThat(prev == null || prev == s).as("patient %s in one part of fold %d", e.patient(), f).isTrue();
                if (s == Split.TEST) assertThat(testedIn.put(e.image(), f)).as("tested once: " + e.image()).isNull();
            }
        }
        assertThat(testedIn).hasSize(1000);
    }

    @Test
    void stratifiedWithinOneImageAndSizesWithinOnePercent() {
        Map<Stratum, Integer> total = new EnumMap<>(Stratum.class);
        for (ManifestEntry e : entries) total.merge(Stratum.of(e), 1, Integer::sum);
        for (long seed = 1; seed <= 3; seed++) {
            List<List<ManifestEntry>> folds = new KFoldSplitter(seed).split(entries);
            for (int f = 0; f < 5; f++) {
                Map<Split, Map<Stratum, Integer>> count = new EnumMap<>(Split.class);
                Map<Split, Integer> size = new EnumMap<>(Split.class);
                for (ManifestEntry e : folds.get(f)) {
                    count.computeIfAbsent(e.split().orElseThrow(), k -> new EnumMap<>(Stratum.class))
                            .merge(Stratum.of(e), 1, Integer::sum);
                    size.merge(e.split().orElseThrow(), 1, Integer::sum);
                }
                for (Split part : Split.values()) {
                    assertThat(size.get(part) / 1000.0).as("size of %s in fold %d", part, f)
                            .isBetween(SHARE.get(part) - 0.01, SHARE.get(part) + 0.01);
                    for (Stratum s : Stratum.values()) {
                        double want = SHARE.get(part) * total.get(s);
                        int got = count.get(part).getOrDefault(s, 0);
                        assertThat(Math.abs(got - want)).as("%s %s in fold %d (seed %d): %d vs %.1f", part, s, f, seed, got, want)
                                .isLessThanOrEqualTo(1.0);
                    }
                }
            }
        }
    }

    @Test
    void deterministicBySeed() {
        assertThat(new KFoldSplitter(5).split(entries)).isEqualTo(new KFoldSplitter(5).split(entries));
        assertThat(new KFoldSplitter(5).split(entries)).isNotEqualTo(new KFoldSplitter(6).split(entries));
    }

    @Test
    void holdOutIsGroupedAndStratified() {
        List<ManifestEntry> split = KFoldSplitter.holdOut(entries, 1.0 / 8, 3);
        Map<String, Set<Split>> parts = new HashMap<>();
        Map<Stratum, int[]> count = new EnumMap<>(Stratum.class);
        for (ManifestEntry e : split) {
            parts.computeIfAbsent(e.patient(), k -> new HashSet<>()).add(e.split().orElseThrow());
            count.computeIfAbsent(Stratum.of(e), k -> new int[2])[e.split().get() == Split.VAL ? 1 : 0]++;
        }
        assertThat(parts.values()).allMatch(s -> s.size() == 1);
        for (Map.Entry<Stratum, int[]> c : count.entrySet()) {
            double want = (c.getValue()[0] + c.getValue()[1]) / 8.0;
            assertThat(Math.abs(c.getValue()[1] - want)).as("val %s", c.getKey()).isLessThanOrEqualTo(1.0);
        }
        assertThat(split).isEqualTo(KFoldSplitter.holdOut(entries, 1.0 / 8, 3));
    }

    @Test
    void tooFewPatients() {
        assertThatThrownBy(() -> new KFoldSplitter(1).split(manifest(3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patients");
    }
}
