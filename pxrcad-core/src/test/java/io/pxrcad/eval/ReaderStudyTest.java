package io.pxrcad.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.pxrcad.eval.FractureAnswer.HIP;
import static io.pxrcad.eval.FractureAnswer.NONE;
import static io.pxrcad.eval.FractureAnswer.PELVIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReaderStudyTest {
    private static final double EPS = 1e-12;
    private static final Map<String, FractureAnswer> TRUTH = map("a", HIP, "b", HIP, "c", PELVIC, "d", PELVIC, "e", NONE, "f", NONE);
    private static final Map<String, FractureAnswer> SYSTEM = map("a", HIP, "b", PELVIC, "c", PELVIC, "d", PELVIC, "e", NONE, "f", HIP);

    private static List<Read> reads() {
        List<Read> r = new ArrayList<>();
        String[][] rows = {
                {"R1", "orthopaedics", "a", "hip"}, {"R1", "orthopaedics", "b", "hip"}, {"R1", "orthopaedics", "c", "none"},
                {"R1", "orthopaedics", "d", "pelvic"}, {"R1", "orthopaedics", "e", "none"}, {"R1", "orthopaedics", "f", "none"},
                {"R2", "radiology", "a", "none"}, {"R2", "radiology", "b", "hip"}, {"R2", "radiology", "c", "pelvic"},
                {"R2", "radiology", "d", "hip"}, {"R2", "radiology", "e", "pelvic"}, {"R2", "radiology", "f", "none"},
                {"R3", "radiology", "a", "hip"}, {"R3", "radiology", "c", "pelvic"}, {"R3", "radiology", "e", "hip"}};
        for (String[] x : rows) r.add(new Read(x[0], x[1], x[2], FractureAnswer.parse(x[3])));
        return r;
    }

    @Test
    void threeClassMetricsByHand() {
        FractureAnswer[] truth = TRUTH.values().toArray(new FractureAnswer[0]);
        FractureAnswer[] sys = SYSTEM.values().toArray(new FractureAnswer[0]);
        ThreeClassMetrics m = ThreeClassMetrics.of(sys, truth);
        assertThat(m.images()).isEqualTo(6);
        assertThat(m.accuracy()).isCloseTo(4.0 / 6, within(EPS));
        assertThat(m.hipSensitivity()).isCloseTo(0.5, within(EPS));
        assertThat(m.hipSpecificity()).isCloseTo(0.75, within(EPS));
        assertThat(m.pelvicSensitivity()).isCloseTo(1.0, within(EPS));
        assertThat(m.pelvicSpecificity()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void rowsForSystemReadersSpecialtiesAndAverage() {
        ReaderStudyResult r = ReaderStudy.analyse(TRUTH, SYSTEM, reads(), new Bootstrap(500, 1, 0.95));
        assertThat(r.rows()).extracting(ReaderStudyRow::name)
                .containsExactly("system", "R1", "R2", "R3", "orthopaedics", "radiology", "reader average");
        ReaderStudyRow r1 = r.rows().get(1);
        assertThat(r1.accuracy().estimate()).isCloseTo(5.0 / 6, within(EPS));
        assertThat(r1.hipSensitivity().estimate()).isCloseTo(1, within(EPS));
        assertThat(r1.hipSpecificity().estimate()).isCloseTo(1, within(EPS));
        assertThat(r1.pelvicSensitivity().estimate()).isCloseTo(0.5, within(EPS));
        assertThat(r1.pelvicSpecificity().estimate()).isCloseTo(1, within(EPS));
        ReaderStudyRow r3 = r.rows().get(3);
        assertThat(r3.images()).isEqualTo(3);
        assertThat(r3.hipSpecificity().estimate()).isCloseTo(0.5, within(EPS));
        ReaderStudyRow radiology = r.rows().get(5);
        assertThat(radiology.readers()).isEqualTo(2);
        assertThat(radiology.accuracy().estimate()).isCloseTo((0.5 + 2.0 / 3) / 2, within(EPS));
        assertThat(radiology.hipSpecificity().estimate()).isCloseTo((0.75 + 0.5) / 2, within(EPS));
        ReaderStudyRow average = r.rows().get(6);
        assertThat(average.readers()).isEqualTo(3);
        assertThat(average.accuracy().estimate()).isCloseTo((5.0 / 6 + 0.5 + 2.0 / 3) / 3, within(EPS));
        for (ReaderStudyRow row : r.rows()) {
            assertThat(row.accuracy().low()).isLessThanOrEqualTo(row.accuracy().estimate());
            assertThat(row.accuracy().high()).isGreaterThanOrEqualTo(row.accuracy().estimate());
        }
        assertThat(ReaderStudy.analyse(TRUTH, SYSTEM, reads(), new Bootstrap(500, 1, 0.95))).isEqualTo(r);
    }

    @Test
    void pairedTestMatchesTheExactSignFlipDistribution() {
        // d = system correct - mean reader correct, per image a..f:
        double[] d = {1 - 2.0 / 3, 0 - 1, 1 - 2.0 / 3, 1 - 0.5, 1 - 1.0 / 3, 0 - 1};
        double observed = 0;
        for (double x : d) observed += x / d.length;
        int extreme = 0;
        for (int mask = 0; mask < 64; mask++) {
            double s = 0;
            for (int i = 0; i < 6; i++) s += ((mask >> i & 1) == 1 ? d[i] : -d[i]) / 6;
            if (Math.abs(s) >= Math.abs(observed) - 1e-12) extreme++;
        }
        PairedComparison t = ReaderStudy.analyse(TRUTH, SYSTEM, reads(), new Bootstrap(4000, 3, 0.95)).systemVsReaders();
        assertThat(t.difference()).isCloseTo(-1.0 / 36, within(EPS));
        assertThat(t.difference()).isCloseTo(observed, within(EPS));
        assertThat(t.pValue()).isCloseTo(extreme / 64.0, within(0.03)); // Monte Carlo sd ~0.008
        assertThat(t.ci95().low()).isLessThan(t.difference());
        assertThat(t.ci95().high()).isGreaterThan(t.difference());
    }

    @Test
    void aClearlyBetterSystemIsSignificantAndAnIdenticalOneIsNot() {
        Random rnd = new Random(5);
        Map<String, FractureAnswer> truth = new LinkedHashMap<>();
        Map<String, FractureAnswer> perfect = new LinkedHashMap<>();
        List<Read> reads = new ArrayList<>();
        FractureAnswer[] classes = FractureAnswer.values();
        for (int i = 0; i < 150; i++) {
            String img = "img" + i;
            FractureAnswer t = classes[i % 3];
            truth.put(img, t);
            perfect.put(img, t);
            for (int r = 0; r < 4; r++) {
                FractureAnswer a = rnd.nextDouble() < 0.75 ? t : classes[(t.ordinal() + 1 + rnd.nextInt(2)) % 3];
                reads.add(new Read("R" + r, r < 2 ? "radiology" : "emergency", img, a));
            }
        }
        PairedComparison better = ReaderStudy.analyse(truth, perfect, reads, new Bootstrap(2000, 1, 0.95)).systemVsReaders();
        assertThat(better.difference()).isGreaterThan(0.15);
        assertThat(better.pValue()).isLessThan(0.001);
        assertThat(better.ci95().low()).isGreaterThan(0);

        List<Read> clones = new ArrayList<>();
        for (String img : truth.keySet()) clones.add(new Read("C", "radiology", img, perfect.get(img)));
        PairedComparison same = ReaderStudy.analyse(truth, perfect, clones, new Bootstrap(200, 1, 0.95)).systemVsReaders();
        assertThat(same.difference()).isZero();
        assertThat(same.pValue()).isEqualTo(1.0);
    }

    @Test
    void aReaderWhoSkippedImagesIsNamedWithTheImages() {
        assertThat(ReaderStudy.unanswered(TRUTH.keySet(), reads()))
                .containsExactly(Map.entry("R3", List.of("b", "d", "f")));
        assertThat(ReaderStudy.unanswered(TRUTH.keySet(), reads().subList(0, 12))).isEmpty();
    }

    @Test
    void unknownImagesAndMissingSystemAnswersAreDataErrors() {
        List<Read> extra = new ArrayList<>(reads());
        extra.add(new Read("R1", "orthopaedics", "zzz", HIP));
        assertThatThrownBy(() -> ReaderStudy.analyse(TRUTH, SYSTEM, extra, Bootstrap.defaults()))
                .isInstanceOf(InvalidReadsException.class).hasMessageContaining("zzz");
        Map<String, FractureAnswer> partial = new LinkedHashMap<>(SYSTEM);
        partial.remove("c");
        assertThatThrownBy(() -> ReaderStudy.analyse(TRUTH, partial, reads(), Bootstrap.defaults()))
                .isInstanceOf(InvalidReadsException.class).hasMessageContaining("1 have none, e.g. c");
    }

    @Test
    void readsCsvReportsEveryProblemWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("reads.csv");
        Files.writeString(f, """
                reader,specialty,image,answer
                R1,radiology,a,hip
                R1,radiology,b,fracture
                R2,,c,none

                R1,radiology,a,pelvic
                R1,emergency,d,none
                "R3, MD",radiology,e,PELVIC
                """);
        assertThatThrownBy(() -> ReadsCsv.read(f))
                .isInstanceOf(InvalidReadsException.class)
                .hasMessage("reads.csv: line 3: expected answer hip, pelvic or none but was 'fracture'; "
                        + "line 4: specialty is empty; line 6: reader R1 already answered image a on line 2; "
                        + "line 7: reader R1 has specialty 'emergency' but 'radiology' earlier");
        Files.writeString(f, "image,answer,reader,specialty\na,hip,R1,radiology\ne,PELVIC,\"R3, MD\",radiology\n");
        assertThat(ReadsCsv.read(f)).containsExactly(new Read("R1", "radiology", "a", HIP),
                new Read("R3, MD", "radiology", "e", PELVIC));
        Files.writeString(f, "reader,image,answer\nR1,a,hip\n");
        assertThatThrownBy(() -> ReadsCsv.read(f)).isInstanceOf(InvalidReadsException.class)
                .hasMessageContaining("column specialty missing");
    }

    private static Map<String, FractureAnswer> map(Object... kv) {
        Map<String, FractureAnswer> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (FractureAnswer) kv[i + 1]);
        return m;
    }
}
