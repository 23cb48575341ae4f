package io.pxrcad.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pxrcad bench ...}: benchmarks that print the environment, a table of medians and a
 * checksum of the output beside each time, so that faster also means correct.
 */
@Command(name = "bench", description = "Benchmarks (print environment, medians and an output checksum).",
        subcommands = {
                DecodeBenchCommand.class,
                FuzzBenchCommand.class,
                BenchSynthCommand.class,
                BenchModelCommand.class,
                BenchPredictCommand.class,
                BenchInferenceCommand.class,
                BenchTrainCommand.class,
                BenchTrainingCommand.class,
                BenchServeCommand.class,
                BenchBatchCommand.class,
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
