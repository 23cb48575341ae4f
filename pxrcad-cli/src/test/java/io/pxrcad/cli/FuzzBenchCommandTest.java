package io.pxrcad.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pxrcad bench fuzz}: environment, outcomes per format, totals and a reproducible checksum. */
class FuzzBenchCommandTest {
    @Test
    void printsOutcomesAndTheSameChecksumForTheSameSeed() {
        MainTest.Result a = MainTest.run("bench", "fuzz", "--cases", "40", "--seed", "5");
        assertThat(a.code()).as(a.out() + a.err()).isZero();
        assertThat(a.out()).contains("environment: Java").contains("cores").contains("fuzz: 40 cases (seed 5")
                .contains("PNG        10 cases").contains("JPEG       10 cases").contains("TIFF       10 cases")
                .contains("DICOM      10 cases").contains("UNTYPED failures: 0").contains("checksum of outcomes: ");
        MainTest.Result b = MainTest.run("bench", "fuzz", "--cases", "40", "--seed", "5");
        assertThat(checksum(b.out())).isEqualTo(checksum(a.out())).hasSize(16);
        MainTest.Result png = MainTest.run("bench", "fuzz", "--cases", "12", "--formats", "png,tif");
        assertThat(png.code()).isZero();
        assertThat(png.out()).contains("PNG         6 cases").contains("TIFF        6 cases").doesNotContain("JPEG ");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        MainTest.Result r = MainTest.run("bench", "fuzz", "--formats", "png,gif");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err().strip()).isEqualTo("pxrcad: --formats: expected png, jpeg, tiff or dicom but was 'gif'");
    }

    private static String checksum(String out) {
        return out.lines().filter(l -> l.startsWith("checksum of outcomes: ")).findFirst().orElseThrow()
                .substring("checksum of outcomes: ".length());
    }
}
