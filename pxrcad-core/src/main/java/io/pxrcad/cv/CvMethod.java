package io.pxrcad.cv;

import io.pxrcad.model.Baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The six methods of Table 1 (METHOD.md "Evaluation"), in the paper's order. The proposed
 * single-stage score is {@code ps1} of the two-stage model, so both come from one training
 * ({@link #training()} is {@code two-stage} for both).
 */
public enum CvMethod {
    RESNET18_GAP("resnet18-gap", "ResNet18-GAP", Baseline.RESNET18_GAP),
    RESNET18_LSE("resnet18-lse", "ResNet18-LSE", Baseline.RESNET18_LSE),
    CHEXNET("chexnet", "CheXNet", Baseline.CHEXNET),
    WANG("wang", "Wang et al.", Baseline.WANG),
    SINGLE_STAGE("single-stage", "Proposed single-stage", null),
    TWO_STAGE("two-stage", "Proposed two-stage", null);

    public static final String TWO_STAGE_TRAINING = "two-stage";

    private final String id;
    private final String display;
    private final Baseline baseline;

    CvMethod(String id, String display, Baseline baseline) {
        this.id = id;
        this.display = display;
        this.baseline = baseline;
    }

    public String id() { return id; }

    public String display() { return display; }

    /** The baseline trained for this method, or null for the proposed method's two scores. */
    public Baseline baseline() { return baseline; }

    /** The training run that produces this method's scores. */
    public String training() { return baseline == null ? TWO_STAGE_TRAINING : id; }

    /** {@code all} or a comma-separated list of ids; the result keeps Table 1's order. */
    public static List<CvMethod> parse(String spec) {
        if (spec.trim().equalsIgnoreCase("all")) return List.of(values());
        Set<CvMethod> chosen = new LinkedHashSet<>();
        for (String s : spec.split(",")) {
            String id = s.trim();
            if (id.isEmpty()) continue;
            chosen.add(Arrays.stream(values()).filter(m -> m.id.equalsIgnoreCase(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("expected --methods all or a list of "
                            + Arrays.stream(values()).map(CvMethod::id).collect(Collectors.joining(","))
                            + " but found '" + id + "'")));
        }
        if (chosen.isEmpty()) throw new IllegalArgumentException("expected at least one method in --methods but was '" + spec + "'");
        List<CvMethod> out = new ArrayList<>();
        for (CvMethod m : values()) if (chosen.contains(m)) out.add(m);
        return out;
    }
}
