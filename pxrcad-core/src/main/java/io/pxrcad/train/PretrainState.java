package io.pxrcad.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.AtomicFiles;
import io.pxrcad.DataException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pretraining checkpoint holds besides weights and optimizer moments ({@code state.json}):
 * the settings it was made with, which images, and the mean training loss of each completed epoch.
 *
 * @param config       the settings (on resume, {@code epochs} and {@code numWorkers} may change)
 * @param imagesSha256 SHA-256 of the trained images' paths, one per line, in order
 * @param images       number of images trained on
 * @param losses       mean masked-reconstruction loss of epochs 1, 2, ...; its size is the epochs completed
 */
public record PretrainState(PretrainConfig config, String imagesSha256, int images, List<Double> losses) {
    static final String FILE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PretrainState {
        if (config == null || imagesSha256 == null) throw new IllegalArgumentException("config and imagesSha256 are required");
        losses = List.copyOf(losses);
    }

    public int epochsCompleted() { return losses.size(); }

    /** The state after one more epoch with mean loss {@code loss}. */
    PretrainState next(double loss) {
        List<Double> l = new ArrayList<>(losses);
        l.add(loss);
        return new PretrainState(config, imagesSha256, images, l);
    }

    /** The same state under the settings of a resumed command (its epochs and workers). */
    PretrainState resumedAs(PretrainConfig now) {
        return new PretrainState(now, imagesSha256, images, losses);
    }

    /** One {@code NAME differs (checkpoint: A, now: B)} per setting that changes the weights. */
    List<String> differences(PretrainState now) {
        Map<String, Object> before = settings(), after = now.settings();
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : after.entrySet()) {
            Object old = before.get(e.getKey());
            if (!old.equals(e.getValue())) {
                out.add(e.getKey() + " differs (checkpoint: " + old + ", now: " + e.getValue() + ")");
            }
        }
        return out;
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("arch", config.architecture());
        s.put("imageSize", config.imageSize());
        s.put("batchSize", config.batchSize());
        s.put("learningRate", config.learningRate());
        s.put("maskRatio", config.maskRatio());
        s.put("seed", config.seed());
        s.put("images", images + " (sha256 " + imagesSha256.substring(0, Math.min(12, imagesSha256.length())) + ")");
        return s;
    }

    void save(Path file) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    }

    /** @throws DataException when the file is not a valid state */
    static PretrainState load(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return JSON.readValue(bytes, PretrainState.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DataException("expected a pretraining state in " + file + " but could not read it: "
                    + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
