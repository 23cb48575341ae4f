package io.pxrcad.cli;

import io.pxrcad.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The {@code pxrcad} executable. Exit codes: 0 success, 1 data error (a file the user
 * supplied is missing, unreadable or invalid), 2 usage error, 3 internal error. Errors print
 * one line {@code pxrcad: <message>}; the stack trace only with {@code --verbose}.
 */
// scope INHERIT: every subcommand gets --help and --version, which the usage-error line promises
@Command(name = "pxrcad", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Pelvic X-ray computer-aided fracture detection (research software, not a cleared medical device).",
        subcommands = {
                CommandLine.HelpCommand.class,
                BenchCommand.class,
                InfoCommand.class,
                SplitCommand.class,
                SynthCommand.class,
                MetricsCommand.class,
                TrainCommand.class,
                PretrainCommand.class,
                PredictCommand.class,
                PacsCommand.class,
                ExportCommand.class,
                ServeCommand.class,
                BatchCommand.class,
                DemoCommand.class,
                EvaluateCommand.class,
                CvCommand.class,
                ReaderStudyCommand.class,
        })
public final class Main implements Runnable {
    static final int EXIT_DATA = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read from the raw arguments by the error handler; declared so every command accepts it. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (used by tests; never calls System.exit). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(Main::handle);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("pxrcad: " + ex.getMessage());
            err.println("Try 'pxrcad " + commandPath(ex.getCommandLine()) + "--help' for usage.");
            err.flush();
            return EXIT_USAGE;
        });
        return cl;
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    static boolean verbose(String[] args) {
        for (String a : args) {
            if (a.equals("--verbose")) return true;
        }
        return false;
    }

    private static int handle(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code;
        String message;
        Throwable t = ex instanceof UncheckedIOException u ? u.getCause() : ex;
        if (t instanceof DataException) {
            code = EXIT_DATA;
            message = t.getMessage();
        } else if (t instanceof java.nio.file.FileSystemException f && f.getFile() != null) {
            code = EXIT_DATA;
            message = f.getFile() + ": " + io.pxrcad.IoErrors.reason(f);
        } else if (t instanceof IOException ioe) {
            code = EXIT_DATA;
            message = io.pxrcad.IoErrors.reason(ioe);
        } else if (t instanceof IllegalArgumentException) {
            code = EXIT_USAGE;
            message = t.getMessage();
        } else {
            code = EXIT_INTERNAL;
            message = "internal error: " + t;
        }
        // a message of several lines (e.g. one per setting a resume refuses) gets the prefix on each
        for (String line : String.valueOf(message).split("\n")) {
            err.println("pxrcad: " + line);
        }
        if (verbose(parsed.originalArgs().toArray(new String[0]))) {
            t.printStackTrace(err);
        } else if (code == EXIT_INTERNAL) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return code;
    }
}
