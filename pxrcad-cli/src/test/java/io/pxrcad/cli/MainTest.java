package io.pxrcad.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    /** Runs the CLI in-process and captures both streams. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {}

    @Test
    void versionNamesDjlPyTorchAndDevice() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("pxrcad").contains("DJL 0.36.0").contains("PyTorch 2.7.1").contains("device cpu");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("--no-such-option");
        assertThat(r.code()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).startsWith("pxrcad: ").doesNotContain("Exception");
    }

    /** picocli formats descriptions with printf: a bare '%' garbles the help and warns on stderr. */
    @Test
    void everyCommandsHelpRendersWithoutFormatWarnings() {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            appendHelp(Main.commandLine(), help);
        } finally {
            System.setErr(saved);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(help).contains("95% CI").contains("Usage: pxrcad bench train");
    }

    private static void appendHelp(picocli.CommandLine cl, StringBuilder help) {
        help.append(cl.getUsageMessage());
        cl.getSubcommands().values().forEach(sub -> appendHelp(sub, help));
    }
}
