package io.pxrcad.model;

import io.pxrcad.artifact.Architecture;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.artifact.ModelArtifact;

import ai.djl.Device;
import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxrcad.image.PreprocessConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An edited or damaged {@code model.json} is refused on load with one line naming the field and
 * the file (and no parser class names), instead of silently changing what the model decides.
 */
class ModelMetadataValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path dir;
    Path json;
    String original;

    @BeforeEach
    void saveOne() throws Exception {
        dir = tmp.resolve("run/model");
        try (Model s1 = Networks.stage1(NetworkConfig.stage1(Architecture.TINY_DENSENET), Device.cpu())) {
            TorchModels.save(dir, new ArtifactInfo("two-stage", PreprocessConfig.ofSize(64), 17, 32, 0.4,
                    new ArtifactInfo.Thresholds(0.2, 0.6), Map.of("fold", "1")), Map.of(ModelArtifact.STAGE1, Networks.network(s1)));
        }
        json = dir.resolve(ModelArtifact.METADATA_FILE);
        original = Files.readString(json);
    }

    private void edit(Consumer<ObjectNode> change) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(original);
        change.accept(root);
        Files.writeString(json, JSON.writeValueAsString(root));
    }

    private static ObjectNode at(ObjectNode root, String... path) {
        ObjectNode n = root;
        for (String p : path) n = (ObjectNode) n.get(p);
        return n;
    }

    private void refused(String message) {
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessage("invalid model " + json + ": " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jackson", "Exception", "\n"));
    }

    @Test
    void theSavedFileLoads() {
        assertThat(ModelArtifact.load(dir).metadata().info().thresholds()).isEqualTo(new ArtifactInfo.Thresholds(0.2, 0.6));
    }

    @Test
    void theChainedCellCountIsKeptAndAModelWithoutItChainsTheArgmaxOnly() throws Exception {
        assertThat(ModelArtifact.load(dir).metadata().info().chainRoiCount()).isEqualTo(1);
        edit(r -> at(r, "info").put("chainRois", 5));
        assertThat(ModelArtifact.load(dir).metadata().info().chainRoiCount()).isEqualTo(5);
    }

    @Test
    void suspiciousAboveFractureIsRefused() throws Exception {
        edit(r -> at(r, "info", "thresholds").put("suspicious", 0.9).put("fracture", 0.5));
        refused("info.thresholds.suspicious (0.9) must not exceed info.thresholds.fracture (0.5)");
    }

    @Test
    void valuesOutOfRangeAreRefused() throws Exception {
        edit(r -> at(r, "info", "thresholds").put("fracture", 1.5));
        refused("info.thresholds.fracture must be in [0,1] but was 1.5");
        edit(r -> at(r, "info").put("pHat", -0.1));
        refused("info.pHat must be in [0,1] but was -0.1");
        edit(r -> at(r, "info", "preprocessing").put("imageSize", 7));
        refused("info.preprocessing.imageSize must be between 32 and 4096 but was 7");
        edit(r -> at(r, "info").put("roiSize", 100));
        refused("info.roiSize must be between 1 and 64 but was 100");
        edit(r -> at(r, "info").put("chainRois", 0));
        refused("info.chainRois must be between 1 and 64 but was 0");
        edit(r -> r.put("formatVersion", 2));
        refused("formatVersion must be 1 but was 2 (a model written by another version of pxrcad)");
        edit(r -> at(r, "networks", "stage1").put("parameters", 0));
        refused("networks.stage1.parameters must be a whole number > 0 but was 0");
        edit(r -> at(r, "networks", "stage1").remove("sha256"));
        refused("networks.stage1.sha256 is missing");
        edit(r -> at(r, "networks", "stage1").put("file", "../other.safetensors"));
        refused("networks.stage1.file must be stage1.safetensors but was '../other.safetensors'");
        edit(r -> at(r, "info", "preprocessing").putArray("std").add(0.2).add(0).add(0.2));
        refused("info.preprocessing.std[1] must be a number > 0 but was 0");
    }

    @Test
    void wrongTypesAndUnknownNamesGiveTheFieldPath() throws Exception {
        edit(r -> at(r, "info", "thresholds").put("fracture", "high"));
        refused("info.thresholds.fracture must be a number but was \"high\"");
        edit(r -> r.put("networks", "stage1"));
        refused("networks must be an object but was \"stage1\"");
        edit(r -> at(r, "networks", "stage1", "config").put("role", "stage9"));
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageStartingWith("invalid model " + json + ": networks.stage1.config.role")
                .hasMessageContaining("stage9").satisfies(e -> assertThat(e.getMessage()).doesNotContain("jackson"));
    }

    @Test
    void malformedJsonNamesTheFileAndPlace() throws Exception {
        Files.writeString(json, original.substring(0, original.length() / 2));
        assertThatThrownBy(() -> ModelArtifact.load(dir)).isInstanceOf(ModelArtifactException.class)
                .hasMessageStartingWith("invalid model " + json + ": malformed JSON at line ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("jackson", "Exception"));
    }

    @Test
    void theRunFolderInsteadOfItsModelFolderGetsAHint() {
        Path run = dir.getParent();
        assertThatThrownBy(() -> ModelArtifact.load(run)).isInstanceOf(ModelArtifactException.class)
                .hasMessage("no model.json in " + run + "; did you mean " + dir + "?");
    }
}
