package io.pxrcad.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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

    record Result(int code, String out, String err) {
        /** Standard output as one JSON object per line (the {@code --json} form of the benchmarks). */
        List<com.fasterxml.jackson.databind.JsonNode> jsonLines() {
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            return out.lines().map(l -> {
                try {
                    return json.readTree(l);
                } catch (Exception e) {
                    throw new AssertionError(l, e);
                }
            }).toList();
        }
    }

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

    private static void appendHelp(CommandLine cl, StringBuilder help) {
        help.append(cl.getUsageMessage());
        cl.getSubcommands().values().forEach(sub -> appendHelp(sub, help));
    }

    /** The usage-error line says "Try 'pxrcad CMD --help'", so every command must accept it. */
    @Test
    void everyCommandAcceptsHelp() {
        List<List<String>> paths = new ArrayList<>();
        collectPaths(Main.commandLine(), new ArrayList<>(), paths);
        assertThat(paths).extracting(p -> String.join(" ", p)).contains("train", "predict", "bench model");
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            Result r = run(args.toArray(String[]::new));
            assertThat(r.code()).as("pxrcad %s --help: %s", String.join(" ", path), r.err()).isZero();
            assertThat(r.out()).as("pxrcad %s --help", String.join(" ", path)).startsWith("Usage: pxrcad");
        }
    }

    @Test
    void everyOptionAndParameterHasHelpText() {
        List<String> bare = new ArrayList<>();
        collectUndocumented(Main.commandLine(), "pxrcad", bare);
        assertThat(bare).isEmpty();
    }

    private static void collectUndocumented(CommandLine cl, String path, List<String> bare) {
        for (CommandLine.Model.ArgSpec a : cl.getCommandSpec().args()) {
            if (String.join("", a.description()).isBlank()) {
                bare.add(path + " " + (a instanceof CommandLine.Model.OptionSpec o ? o.longestName() : a.paramLabel()));
            }
        }
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) collectUndocumented(sub, path + " " + name, bare);
        });
    }

    private static void collectPaths(CommandLine cl, List<String> prefix, List<List<String>> paths) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) return;
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.add(path);
            collectPaths(sub, path, paths);
        });
    }
}
