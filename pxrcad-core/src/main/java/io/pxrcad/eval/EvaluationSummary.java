package io.pxrcad.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The result of evaluating a two-stage model on a manifest (METHOD.md "Evaluation"), written as
 * {@code metrics.json}: two-stage ({@code ps1*ps2}) and single-stage ({@code ps1}) metrics, their
 * paired DeLong test, localisation and type accuracy, and the model's operating thresholds.
 *
 * @param model               the model folder as the user named it
 * @param method              the model's method ({@code model.json})
 * @param manifest            the manifest as the user named it
 * @param split               the evaluated part, or {@code all}
 * @param skippedUnreadable   {@code image: reason} of every image left out
 * @param twoStageVsSingle    DeLong's paired test, two-stage (A) against single-stage (B)
 * @param suspicious          the model's suspicious threshold; null until chosen
 * @param fracture            the model's fracture threshold; null until chosen
 */
public record EvaluationSummary(String model, String method, String manifest, String split, int images,
                                List<String> skippedUnreadable, BinaryMetrics twoStage, BinaryMetrics singleStage,
                                PairedAucTest twoStageVsSingle, Localisation localisation, Double suspicious,
                                Double fracture) {
    public EvaluationSummary {
        skippedUnreadable = List.copyOf(skippedUnreadable);
        Objects.requireNonNull(twoStage, "twoStage");
        Objects.requireNonNull(singleStage, "singleStage");
        Objects.requireNonNull(twoStageVsSingle, "twoStageVsSingle");
        Objects.requireNonNull(localisation, "localisation");
    }

    /** Indented JSON with snake_case keys and a final newline. */
    public String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("model", model);
        root.put("method", method);
        root.put("manifest", manifest);
        root.put("split", split);
        root.put("images", images);
        root.set("skipped_unreadable", mapper.valueToTree(skippedUnreadable));
        root.set("two_stage", mapper.valueToTree(twoStage));
        root.set("single_stage", mapper.valueToTree(singleStage));
        ObjectNode t = root.putObject("delong_two_stage_vs_single_stage");
        t.put("auc_difference", twoStageVsSingle.difference());
        t.put("z", twoStageVsSingle.z());
        t.put("p_value", twoStageVsSingle.pValue());
        root.set("roi_label_accuracy", mapper.valueToTree(localisation.roiLabelAccuracy()));
        root.set("heatmap_max_in_box", mapper.valueToTree(localisation.heatmapMaxInBox()));
        root.set("type_accuracy", mapper.valueToTree(localisation.typeAccuracy()));
        ObjectNode thresholds = root.putObject("thresholds");
        thresholds.put("suspicious", suspicious);
        thresholds.put("fracture", fracture);
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
