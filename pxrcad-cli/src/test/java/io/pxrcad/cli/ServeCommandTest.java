package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pxrcad serve}'s refusals, each one line before anything is served (the service itself
 * is tested in pxrcad-server against a real server).
 */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void optionsOutOfRangeAreUsageErrors() {
        for (String[] bad : new String[][] {{"--port", "70000"}, {"--workers", "0"}, {"--queue", "-1"},
                {"--max-upload-mb", "0"}, {"--keep", "0"}}) {
            MainTest.Result r = MainTest.run("serve", "--model", dir.toString(), bad[0], bad[1]);
            assertThat(r.code()).as(String.join(" ", bad)).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).startsWith("pxrcad: ").contains(bad[0]);
        }
    }

    @Test
    void aMissingModelIsADataErrorOnOneLine() {
        MainTest.Result r = MainTest.run("serve", "--model", dir.resolve("none").toString(), "--port", "0", "--device", "cpu");
        assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_DATA);
        assertThat(r.err()).startsWith("pxrcad: ").contains("none").doesNotContain("Exception").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPortInUseIsAUsageError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MainTest.Result r = MainTest.run("serve", "--model", dir.toString(), "--port", Integer.toString(taken.getLocalPort()),
                    "--device", "cpu");
            assertThat(r.code()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
            assertThat(r.err()).startsWith("pxrcad: cannot listen on 127.0.0.1:" + taken.getLocalPort()).contains("--port");
        }
    }
}
