package io.pxrcad.artifact;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pxrcad.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A saved model: a folder with one safetensors weight file per network (torchvision parameter
 * names), {@code model.json} ({@link ModelMetadata}) and a model card {@code MODEL.md}.
 * The two-stage method saves networks {@link #STAGE1} and {@link #STAGE2}; a baseline saves
 * {@link #MODEL}. Loading verifies every file's SHA-256 and refuses a changed or truncated file.
 * Instances are immutable and hold no native memory.
 *
 * <p>This is the file format only: it knows no engine. An engine's loader (for DJL/PyTorch
 * {@code io.pxrcad.model.TorchModels}) encodes networks into {@link EncodedNetwork}s to save them
 * and builds runnable networks from {@link #weights(String)}.
 */
public final class ModelArtifact {
    public static final int FORMAT_VERSION = 1;
    public static final String STAGE1 = "stage1";
    public static final String STAGE2 = "stage2";
    public static final String MODEL = "model";
    public static final String METADATA_FILE = "model.json";
    public static final String CARD_FILE = "MODEL.md";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private final ModelMetadata metadata;

    private final String version;

    private ModelArtifact(Path dir, ModelMetadata metadata, String metadataJson) {
        this.dir = dir;
        this.metadata = metadata;
        this.version = sha256(metadataJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
    }

    /**
     * The model's version: the first 16 hex digits of the SHA-256 of {@code model.json}, which
     * holds the weight files' hashes, the thresholds and the feature statistics. The same version
     * gives the same results; a re-trained or re-calibrated model gets a new one. What the
     * service, batch jobs and their outputs name a model by.
     */
    public String version() { return version; }

    public Path dir() { return dir; }

    public ModelMetadata metadata() { return metadata; }

    public boolean has(String network) { return metadata.networks().containsKey(network); }

    /**
     * Saves {@code networks} (name -> network, e.g. {@code stage1}, {@code stage2}) with {@code info}
     * into {@code dir}, atomically: everything is written to a temporary sibling folder that then
     * replaces {@code dir} (an existing artifact there is replaced; any other non-empty folder is refused).
     */
    public static ModelArtifact save(Path dir, ArtifactInfo info, Map<String, EncodedNetwork> networks,
                                     Map<String, String> engineVersions) throws IOException {
        Objects.requireNonNull(info, "info");
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("expected at least one network to save");
        }
        Path target = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(target) && !Files.exists(target.resolve(METADATA_FILE)) && !isEmpty(target)) {
            throw new IllegalArgumentException("refusing to replace " + target + ": it is not empty and has no " + METADATA_FILE);
        }
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            Map<String, ModelMetadata.NetworkEntry> entries = new LinkedHashMap<>();
            Float lseR = null;
            for (Map.Entry<String, EncodedNetwork> e : networks.entrySet()) {
                String name = e.getKey();
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("network name must match " + NAME + " but was '" + name + "'");
                }
                EncodedNetwork net = e.getValue();
                String file = name + ".safetensors";
                AtomicFiles.writeBytes(tmp.resolve(file), net.safetensors());
                entries.put(name, new ModelMetadata.NetworkEntry(net.config(), file, sha256(net.safetensors()),
                        net.parameters()));
                NetworkConfig.Role role = net.config().role();
                if (lseR == null && (role == NetworkConfig.Role.STAGE1_MIL || role == NetworkConfig.Role.BASELINE_LSE)) {
                    lseR = net.config().lseR();
                }
            }
            ModelMetadata meta = new ModelMetadata(FORMAT_VERSION, info, lseR, entries, versions(engineVersions),
                    Instant.now().toString());
            String json = JSON.writeValueAsString(meta);
            AtomicFiles.writeString(tmp.resolve(METADATA_FILE), json);
            AtomicFiles.writeString(tmp.resolve(CARD_FILE), ModelCard.render(meta));
            replace(tmp, target);
            return new ModelArtifact(target, meta, json);
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * Reads {@code model.json}, checks every field ({@link ModelMetadataValidator}) and verifies the
     * SHA-256 of every weight file.
     *
     * @throws ModelArtifactException one line naming the file and the field at fault
     */
    public static ModelArtifact load(Path dir) {
        Path json = dir.resolve(METADATA_FILE);
        JsonNode tree;
        String text;
        try {
            text = Files.readString(json);
            tree = JSON.readTree(text);
        } catch (NoSuchFileException e) {
            if (Files.isRegularFile(dir.resolve("model").resolve(METADATA_FILE))) {
                throw new ModelArtifactException("no " + METADATA_FILE + " in " + dir + "; did you mean " + dir.resolve("model") + "?");
            }
            throw new ModelArtifactException("not a model artifact: " + json + " does not exist");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ModelArtifactException("invalid model " + json + ": malformed JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()), e);
        } catch (IOException e) {
            throw new ModelArtifactException("cannot read " + json + ": " + e.getMessage(), e);
        }
        ModelMetadataValidator.validate(tree, json);
        ModelMetadata meta;
        try {
            meta = JSON.treeToValue(tree, ModelMetadata.class);
        } catch (JsonProcessingException e) {
            throw new ModelArtifactException("invalid model " + json + ": " + bindingProblem(e), e);
        } catch (IllegalArgumentException e) {
            throw new ModelArtifactException("invalid model " + json + ": " + e.getMessage(), e);
        }
        ModelArtifact a = new ModelArtifact(dir, meta, text);
        for (String name : meta.networks().keySet()) {
            a.verifiedBytes(name);
        }
        return a;
    }

    /** What the validator left to the binding (e.g. an unknown role): the field's path and our own message. */
    private static String bindingProblem(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                else if (r.getIndex() >= 0) path.append('[').append(r.getIndex()).append(']');
            }
        }
        Throwable cause = e.getCause();
        String why = cause instanceof IllegalArgumentException && cause.getMessage() != null
                ? cause.getMessage() : "has a value of the wrong kind";
        return (path.length() == 0 ? "" : path + " ") + why;
    }

    /**
     * The configuration of network {@code name} (to rebuild it) and its weight file, hashed again
     * as it is read (the file may have changed since {@link #load}).
     */
    public EncodedNetwork network(String name) {
        ModelMetadata.NetworkEntry entry = entry(name);
        return new EncodedNetwork(entry.config(), verifiedBytes(name), entry.parameters());
    }

    /** The path of network {@code name}'s weight file, for messages. */
    public Path weightFile(String name) { return dir.resolve(entry(name).file()); }

    private ModelMetadata.NetworkEntry entry(String name) {
        ModelMetadata.NetworkEntry entry = metadata.networks().get(name);
        if (entry == null) {
            throw new IllegalArgumentException("expected network " + String.join("|", metadata.networks().keySet())
                    + " but was '" + name + "' in " + dir);
        }
        return entry;
    }

    private byte[] verifiedBytes(String name) {
        ModelMetadata.NetworkEntry entry = entry(name);
        if (entry.file() == null || entry.config() == null || !NAME.matcher(entry.file().replace(".safetensors", "")).matches()) {
            throw new ModelArtifactException("invalid entry for network " + name + " in " + dir.resolve(METADATA_FILE));
        }
        Path file = dir.resolve(entry.file());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelArtifactException("cannot read weight file " + file + ": " + e, e);
        }
        String actual = sha256(bytes);
        if (!actual.equalsIgnoreCase(entry.sha256())) {
            throw new ModelArtifactException("weight file " + file + " was changed or truncated: SHA-256 expected "
                    + entry.sha256() + " (model.json) but was " + actual + " (" + bytes.length + " bytes)");
        }
        return bytes;
    }

    /** Lower-case hex SHA-256, as {@code model.json} records it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** pxrcad's version, then the engine's (e.g. {@code djl}, {@code pytorch}), then Java's. */
    private static Map<String, String> versions(Map<String, String> engine) {
        Map<String, String> v = new LinkedHashMap<>();
        String pxrcad = ModelArtifact.class.getPackage().getImplementationVersion();
        v.put("pxrcad", pxrcad == null ? "dev" : pxrcad);
        v.putAll(engine);
        v.put("java", System.getProperty("java.version"));
        return v;
    }

    private static void replace(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.createDirectories(target.getParent());
            Files.move(tmp, target);
            return;
        }
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
        Files.move(target, old);
        try {
            Files.move(tmp, target);
        } catch (IOException e) {
            Files.move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        io.pxrcad.OutputFolder.deleteTree(p);
    }
}
