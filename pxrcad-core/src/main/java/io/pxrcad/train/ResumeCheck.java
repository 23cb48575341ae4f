package io.pxrcad.train;

import com.fasterxml.jackson.databind.JsonNode;
import io.pxrcad.DataException;
import io.pxrcad.data.RunInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether {@code --resume} may continue the run in a folder: there must be a checkpoint to
 * continue from, and every setting that changes what is trained (preset and networks, each
 * {@link TrainConfig} value, pretrained weights, the manifest's SHA-256, the seed) must equal
 * the one in the run's {@code run.json}; otherwise the weights would silently mix two trainings
 * and {@code model.json} would describe data the weights never saw. Settings that only change
 * speed or place ({@link #IGNORED}) may differ.
 */
public final class ResumeCheck {
    /** Keys of {@code run.json}'s configuration that do not change the trained weights. */
    static final Set<String> IGNORED = Set.of("device", "cacheBytes", "numWorkers", "prefetchBatches",
            "logEveryBatches", "configFile");

    private ResumeCheck() {}

    /**
     * @param runDir the run folder ({@code --out})
     * @param now    the provenance the resumed command would write
     * @throws IllegalArgumentException nothing to resume, or one line per differing setting:
     *     {@code cannot resume RUN: preset differs (run.json: tiny, now: small)}
     * @throws DataException the run has checkpoints but no readable {@code run.json}
     */
    public static void check(Path runDir, RunInfo now) throws IOException {
        if (!Files.isDirectory(runDir.resolve("checkpoints"))) {
            throw new IllegalArgumentException("cannot resume " + runDir + ": nothing to resume ("
                    + (Files.isDirectory(runDir) ? "no checkpoint in it yet" : "no such folder")
                    + "); start the training without --resume");
        }
        Path file = runDir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new DataException("cannot resume " + runDir + ": " + file
                    + " is missing, so the settings of the run are unknown");
        }
        List<String> lines = differences(settings(RunInfo.readJson(file)), settings(now.toJson()));
        if (!lines.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (String d : lines) out.add("cannot resume " + runDir + ": " + d);
            out.add("(use the settings the run was started with, or another --out)");
            throw new IllegalArgumentException(String.join("\n", out));
        }
    }

    /** One {@code NAME differs (run.json: A, now: B)} per setting both sides name and that differs. */
    static List<String> differences(Map<String, String> before, Map<String, String> now) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            String old = before.get(e.getKey());
            if (old != null && !old.equals(e.getValue())) {
                out.add(e.getKey() + " differs (run.json: " + old + ", now: " + e.getValue() + ")");
            }
        }
        return out;
    }

    /**
     * The settings of a {@code run.json} tree by name: {@code manifest} (its SHA-256), {@code seed}
     * and every leaf of {@code configuration} by its own key (the keys of a training's
     * configuration are unique), less {@link #IGNORED}.
     */
    static Map<String, String> settings(JsonNode run) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode sha = run.get("manifestSha256");
        if (sha != null && !sha.isNull()) out.put("manifest", "sha256 " + sha.asText());
        JsonNode config = run.get("configuration");
        if (config != null) leaves(config, null, out);
        JsonNode seed = run.get("seed");
        if (seed != null && !seed.isNull()) out.putIfAbsent("seed", seed.asText());
        return out;
    }

    private static void leaves(JsonNode node, String key, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                leaves(f.getValue(), f.getKey(), out);
            }
        } else if (key != null && !IGNORED.contains(key)) {
            out.put(key, node.isNull() ? "none" : node.isValueNode() ? node.asText() : node.toString());
        }
    }
}
