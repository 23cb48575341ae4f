package io.pxrcad.train;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The training curve of a run: {@code RUN/metrics.jsonl}, one JSON object per epoch, e.g.
 * <pre>{"stage":2,"epoch":3,"trainLoss":0.41,"valLoss":0.45,"valAuc":0.88,"lr":1.0E-5,"seconds":12.5,"hardNegatives":17,...}</pre>
 * NaN is written as the string {@code "NaN"}. Each line is appended and flushed to disk just
 * before the epoch's checkpoint is saved; on {@code --resume}, {@link #truncateAfter} drops the
 * stage's lines of epochs after the resumed checkpoint (and a line cut short by a kill), so that
 * through any number of kills and resumes every completed epoch has exactly one line.
 */
public final class MetricsLog {
    /** The file name inside the run folder. */
    public static final String FILE = "metrics.jsonl";
    private static final Set<String> FIELDS = Set.of("stage", "epoch", "trainLoss", "valLoss", "valAuc", "lr", "seconds");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public MetricsLog(Path file) {
        this.file = file;
    }

    /** The log of a run folder: {@code RUN/metrics.jsonl}. */
    public static MetricsLog inRun(Path runDir) {
        return new MetricsLog(runDir.resolve(FILE));
    }

    public Path file() { return file; }

    /** Appends one line and forces it to disk. */
    public void append(EpochMetrics m) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("stage", m.stage());
        o.put("epoch", m.epoch());
        o.put("trainLoss", m.trainLoss());
        o.put("valLoss", m.valLoss());
        o.put("valAuc", m.valAuc());
        o.put("lr", m.lr());
        o.put("seconds", m.seconds());
        for (Map.Entry<String, Object> e : m.extra().entrySet()) {
            if (FIELDS.contains(e.getKey())) {
                throw new IllegalArgumentException("extra metric '" + e.getKey() + "' clashes with a standard field");
            }
            o.set(e.getKey(), JSON.valueToTree(e.getValue()));
        }
        byte[] line = (JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(false);
        }
    }

    /** All complete lines in file order; a malformed line (cut short by a kill) is skipped. Empty when no file. */
    public List<EpochMetrics> read() throws IOException {
        List<EpochMetrics> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            EpochMetrics m = parse(line);
            if (m != null) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Keeps only the epochs up to a resumed checkpoint: every line of earlier stages, the first
     * line of each epoch {@code <= epochsCompleted} of {@code stage}, and none of later stages
     * (they would be of a stage that trains after this one again). Drops a line cut short by a
     * kill. Rewrites the file atomically, and only when something changes. Call it only for a
     * stage that still has epochs to train: a finished stage that a resumed run passes through
     * on its way to the next must leave the next stage's lines alone.
     */
    public void truncateAfter(int stage, int epochsCompleted) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        Set<Integer> seen = new HashSet<>();
        int keptLines = 0;
        for (String line : lines) {
            EpochMetrics m = parse(line);
            if (m == null) {
                continue;
            }
            boolean keep = m.stage() < stage || m.stage() == stage && m.epoch() <= epochsCompleted && seen.add(m.epoch());
            if (keep) {
                kept.append(line).append('\n');
                keptLines++;
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        boolean endsCleanly = bytes.length == 0 || bytes[bytes.length - 1] == '\n';
        if (keptLines != lines.size() || !endsCleanly) {
            AtomicFiles.writeString(file, kept.toString());
        }
    }

    private static EpochMetrics parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.isObject() || !o.has("stage") || !o.has("epoch")) {
                return null;
            }
            Map<String, Object> extra = new LinkedHashMap<>();
            o.fields().forEachRemaining(e -> {
                if (!FIELDS.contains(e.getKey())) {
                    JsonNode v = e.getValue();
                    extra.put(e.getKey(), v.isNumber() ? v.numberValue() : v.asText());
                }
            });
            return new EpochMetrics(o.get("stage").asInt(), o.get("epoch").asInt(), num(o, "trainLoss"),
                    num(o, "valLoss"), num(o, "valAuc"), num(o, "lr"), num(o, "seconds"), extra);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private static double num(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return Double.NaN;
        }
        return v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText());
    }
}
