package io.pxrcad.phantom;

import io.pxrcad.FractureType;
import io.pxrcad.PixelBox;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PhantomGeneratorTest {
    private static final PhantomConfig SMALL = PhantomConfig.defaults().withSize(160).withSeed(7);

    @Test
    void sameSeedAndCaseGiveIdenticalPixelsInAnyOrder() {
        PhantomGenerator a = new PhantomGenerator(SMALL), b = new PhantomGenerator(SMALL);
        b.render(9);
        Phantom first = a.render(3), second = b.render(3);
        assertThat(second.image()).isEqualTo(first.image());
        assertThat(second.boxes()).isEqualTo(first.boxes());
        assertThat(second.patient()).isEqualTo(first.patient());
        assertThat(new PhantomGenerator(SMALL.withSeed(8)).render(3).image()).isNotEqualTo(first.image());
    }

    @Test
    void pixelsAre16BitIntegersWithBoneBrighterThanSoftTissue() {
        float[][] bone = new float[1][];
        Phantom p = new PhantomGenerator(SMALL).render(0, false, bone);
        assertThat(p.image().format()).isEqualTo("PHANTOM");
        assertThat(p.image().bitDepth()).isEqualTo(16);
        float[] px = p.image().pixelsUnsafe();
        double onBone = 0, offBone = 0;
        int nOn = 0, nOff = 0;
        float max = 0;
        for (float v : bone[0]) max = Math.max(max, v);
        for (int i = 0; i < px.length; i++) {
            assertThat(px[i]).isBetween(0f, 65535f).isEqualTo((float) Math.rint(px[i]));
            int x = i % 160, y = i / 160;
            if (x < 40 || x >= 120 || y < 20 || y >= 140) continue; // central body region, away from markers and collimation
            if (bone[0][i] > 0.3f * max) { onBone += px[i]; nOn++; } else if (bone[0][i] == 0) { offBone += px[i]; nOff++; }
        }
        assertThat(nOn).isPositive();
        assertThat(nOff).isPositive();
        assertThat(onBone / nOn).isGreaterThan(offBone / nOff + 3000);
    }

    @Test
    void boxesLieInsideTheImageAndOnBone() {
        PhantomGenerator gen = new PhantomGenerator(SMALL.withSize(192).withFractureRate(1));
        int checked = 0;
        for (int i = 0; i < 40; i++) {
            float[][] bone = new float[1][];
            Phantom p = gen.render(i, false, bone);
            Phantom f = gen.render(i);
            assertThat(f.label()).isEqualTo(1);
            assertThat(f.boxes()).isNotEmpty();
            float max = 0;
            for (float v : bone[0]) max = Math.max(max, v);
            for (PixelBox b : f.boxes()) {
                assertThat(b.inside(192, 192)).as("box %s of case %d", b, i).isTrue();
                int on = 0, all = 0;
                for (int y = (int) b.y0(); y < b.y1(); y++) {
                    for (int x = (int) b.x0(); x < b.x1(); x++) {
                        all++;
                        if (bone[0][y * 192 + x] > 0.05f * max) on++;
                    }
                }
                assertThat((double) on / all).as("bone share in box %s of case %d", b, i).isGreaterThan(0.5);
                assertThat(b.width()).isLessThan(192 / 3.0);
                assertThat(b.height()).isLessThan(192 / 3.0);
                checked++;
            }
            assertThat(p.label()).isZero();
        }
        assertThat(checked).isGreaterThanOrEqualTo(40);
    }

    @Test
    void aFractureChangesPixelsOnlyNearItsBox() {
        PhantomGenerator gen = new PhantomGenerator(SMALL.withSize(192).withFractureRate(1).withDifficulty(0.3));
        int margin = Detector.MAX_BLUR + 1;
        for (int i = 0; i < 25; i++) {
            Phantom with = gen.render(i), without = gen.renderWithoutFractures(i);
            float[] a = with.image().pixelsUnsafe(), b = without.image().pixelsUnsafe();
            int[] inBox = new int[with.boxes().size()];
            for (int k = 0; k < a.length; k++) {
                if (a[k] == b[k]) continue;
                double x = k % 192 + 0.5, y = k / 192 + 0.5;
                boolean near = false;
                for (int j = 0; j < inBox.length; j++) {
                    PixelBox box = with.boxes().get(j);
                    if (box.expand(margin).contains(x, y)) near = true;
                    if (box.contains(x, y)) inBox[j]++;
                }
                assertThat(near).as("pixel (%s,%s) of case %d changed outside %s", x, y, i, with.boxes()).isTrue();
            }
            for (int j = 0; j < inBox.length; j++) {
                assertThat(inBox[j]).as("changed pixels in box %d of case %d", j, i).isPositive();
            }
        }
    }

    @Test
    void higherDifficultyMakesFracturesSubtler() {
        double[] change = new double[3];
        double[] difficulties = {0, 0.5, 1};
        for (int d = 0; d < 3; d++) {
            PhantomGenerator gen = new PhantomGenerator(SMALL.withSize(192).withFractureRate(1).withDifficulty(difficulties[d]));
            double sum = 0;
            int n = 0;
            for (int i = 0; i < 20; i++) {
                Phantom with = gen.render(i);
                float[] a = with.image().pixelsUnsafe(), b = gen.renderWithoutFractures(i).image().pixelsUnsafe();
                for (PixelBox box : with.boxes()) {
                    for (int y = (int) box.y0(); y < box.y1(); y++) {
                        for (int x = (int) box.x0(); x < box.x1(); x++) {
                            sum += Math.abs(a[y * 192 + x] - b[y * 192 + x]);
                            n++;
                        }
                    }
                }
            }
            change[d] = sum / n;
        }
        assertThat(change[0]).isGreaterThan(change[1] * 1.2);
        assertThat(change[1]).isGreaterThan(change[2] * 1.2);
        assertThat(change[2]).isPositive();
    }

    @Test
    void fractureRateTypeShareAndPatientSharingMatchTheConfigOver500Images() {
        PhantomConfig config = PhantomConfig.defaults().withSize(96).withSeed(11);
        PhantomGenerator gen = new PhantomGenerator(config);
        Map<String, Integer> imagesPerPatient = new HashMap<>();
        Map<String, Integer> labelOfPatient = new HashMap<>();
        int positives = 0, hips = 0, n = 500;
        for (int i = 0; i < n; i++) {
            Phantom p = gen.render(i);
            boolean newPatient = i == 0 || !p.patient().equals(gen.patient(i - 1));
            assertThat(imagesPerPatient.containsKey(p.patient())).as("a patient's images are consecutive").isEqualTo(!newPatient);
            imagesPerPatient.merge(p.patient(), 1, Integer::sum);
            Integer before = labelOfPatient.put(p.patient(), p.label());
            if (before != null) assertThat(p.label()).as("both images of %s", p.patient()).isEqualTo(before);
            if (p.label() == 1) {
                positives++;
                if (p.type().orElseThrow() == FractureType.HIP) hips++;
                for (FractureSite s : p.sites()) assertThat(s.type()).isEqualTo(p.type().get());
            } else {
                assertThat(p.boxes()).isEmpty();
            }
        }
        long twoImages = imagesPerPatient.values().stream().filter(c -> c == 2).count();
        assertThat(imagesPerPatient.values()).allMatch(c -> c == 1 || c == 2);
        assertThat((double) positives / n).isCloseTo(config.fractureRate(), within(0.08));
        assertThat((double) hips / positives).isCloseTo(config.hipShare(), within(0.09));
        assertThat((double) twoImages / imagesPerPatient.size()).isCloseTo(config.secondImageShare(), within(0.06));
        List<String> firstTen = java.util.stream.IntStream.range(0, 10).mapToObj(gen::patient).toList();
        assertThat(firstTen).isSorted();
    }

    @Test
    void bothFractureTypesAndAllSitesOccur() {
        PhantomGenerator gen = new PhantomGenerator(PhantomConfig.defaults().withSize(96).withFractureRate(1).withSeed(5));
        java.util.EnumSet<FractureSite> seen = java.util.EnumSet.noneOf(FractureSite.class);
        for (int i = 0; i < 150; i++) seen.addAll(gen.render(i).sites());
        assertThat(seen).containsExactlyInAnyOrder(FractureSite.values());
    }
}
