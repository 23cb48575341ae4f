package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCommandTest {
    @TempDir
    Path dir;

    /** The report and the console say in words what came out; options given beat --quick's defaults. */
    @Test
    void quickRunSaysWhatItFound() throws Exception {
        Path out = dir.resolve("demo");
        MainTest.Result r = MainTest.run("demo", "--quick", "--count", "40", "--size", "64", "--epochs", "1", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1/4 generating 40 phantoms").contains("1 epochs each")
                .containsPattern("The two-stage method (beat|scored higher|did not beat)")
                .contains("paired DeLong p = ").contains("lay in a true fracture box for");
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("What the demo found").containsPattern("The two-stage method (beat|scored higher|did not beat)");
    }
}
