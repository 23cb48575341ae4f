package io.pxrcad.cli;

import io.pxrcad.data.Csv;

import io.pxrcad.AtomicFiles;
import io.pxrcad.data.ManifestEntry;
import io.pxrcad.eval.FractureAnswer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Simulated readers of a synthetic cohort, for demonstrations and tests of the reader study
 * only (they say nothing about real physicians). Reader {@code k} has a specialty (radiologist,
 * emergency, orthopaedic in turn) and a seeded skill; on each image it gives the right answer
 * with probability {@code skill - 0.25 * difficulty} and otherwise one of the two wrong answers
 * at random. Writes {@code reader,specialty,image,answer}.
 */
final class SimulatedReaders {
    static final String[] SPECIALTIES = {"radiologist", "emergency", "orthopaedic"};
    private static final double[] BASE_SKILL = {0.92, 0.85, 0.89};

    private SimulatedReaders() {}

    static void write(Path file, List<ManifestEntry> entries, int readers, double difficulty, long seed) throws IOException {
        if (readers < 1) throw new IllegalArgumentException("--readers must be >= 1 but was " + readers);
        StringBuilder sb = new StringBuilder("reader,specialty,image,answer\n");
        for (int k = 0; k < readers; k++) {
            Random random = new Random(seed * 1_000_003L + k);
            int s = k % SPECIALTIES.length;
            double skill = BASE_SKILL[s] + (random.nextDouble() - 0.5) * 0.06;
            double correct = Math.max(1.0 / 3, Math.min(0.99, skill - 0.25 * difficulty));
            String reader = String.format(Locale.ROOT, "R%02d", k + 1);
            for (ManifestEntry e : entries) {
                FractureAnswer truth = e.positive() ? FractureAnswer.of(e.type().orElse(null)) : FractureAnswer.NONE;
                FractureAnswer answer = truth;
                if (random.nextDouble() >= correct) {
                    FractureAnswer[] all = FractureAnswer.values();
                    int shift = 1 + random.nextInt(2);
                    answer = all[(truth.ordinal() + shift) % all.length];
                }
                sb.append(reader).append(',').append(SPECIALTIES[s]).append(',').append(Csv.quote(e.image()))
                        .append(',').append(answer.label()).append('\n');
            }
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
