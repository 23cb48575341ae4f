package io.pxrcad.cli;

import io.pxrcad.train.TrainConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --seed}, shared by every command that makes random choices (a picocli mixin). A command
 * with a default other than 1 names it by the instance it declares,
 * {@code @Mixin SeedOption seed = SeedOption.defaultingTo(20190101)}; picocli shows that default in the help.
 */
final class SeedOption {
    @Option(names = "--seed", converter = Seed.Parser.class,
            description = "Seed of the command's random choices (phantoms, splits, training, bootstrap, fuzzing): "
                    + "the same seed gives the same output (default: ${DEFAULT-VALUE}).")
    private Seed seed;

    /** Default 1: what picocli makes for a plain {@code @Mixin SeedOption}. */
    SeedOption() {
        this(1L);
    }

    private SeedOption(Long fallback) {
        seed = new Seed(fallback);
    }

    static SeedOption defaultingTo(long seed) {
        return new SeedOption(seed);
    }

    /** No default of its own: the training preset's seed stands unless {@code --seed} is given. */
    static SeedOption presetsByDefault() {
        return new SeedOption(null);
    }

    /** The seed, given or default; only for a command with a default of its own. */
    long value() {
        if (seed.value() == null) throw new IllegalStateException("--seed has no default here: use apply");
        return seed.value();
    }

    /** {@code cfg} with the seed given, or as it is where the preset's seed stands. */
    TrainConfig apply(TrainConfig cfg) {
        return seed.value() == null ? cfg : cfg.withSeed(seed.value());
    }

    /** A seed, or none (the preset's); {@code toString} is what the help shows as the default. */
    record Seed(Long value) {
        @Override
        public String toString() {
            return value == null ? "the preset's" : value.toString();
        }

        static final class Parser implements ITypeConverter<Seed> {
            @Override
            public Seed convert(String text) {
                try {
                    return new Seed(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("expected an integer but was '" + text + "'");
                }
            }
        }
    }
}
