package io.pxrcad.artifact;

import io.pxrcad.image.PreprocessConfig;

import java.util.Arrays;
import java.util.Map;

/** Renders {@code MODEL.md}, the human-readable model card of an artifact. */
final class ModelCard {
    private ModelCard() {}

    static String render(ModelMetadata m) {
        ArtifactInfo info = m.info();
        PreprocessConfig p = info.preprocessing();
        StringBuilder sb = new StringBuilder();
        sb.append("# pxrcad model: ").append(info.method()).append("\n\n")
          .append("Research software: detection of hip and pelvic fractures on frontal pelvic radiographs ")
          .append("(Wang et al., MICCAI 2019). Not a cleared medical device; not for clinical use.\n\n")
          .append("Created ").append(m.createdAt()).append(".\n\n")
          .append("## Networks\n\n| name | role | backbone | parameters | file | SHA-256 |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, ModelMetadata.NetworkEntry> e : m.networks().entrySet()) {
            ModelMetadata.NetworkEntry n = e.getValue();
            sb.append("| ").append(e.getKey()).append(" | ").append(n.config().role()).append(n.config().typeOutput() ? " (+type)" : "")
              .append(" | ").append(n.config().backbone()).append(" | ").append(String.format("%,d", n.parameters()))
              .append(" | ").append(n.file()).append(" | `").append(n.sha256()).append("` |\n");
        }
        sb.append("\n## Input\n\n")
          .append("- Grayscale radiograph, intensities scaled to [0,1] by the ").append(p.lowPercentile()).append("th/")
          .append(p.highPercentile()).append("th percentiles, resized to ").append(p.imageSize()).append("x")
          .append(p.imageSize()).append(", replicated to 3 channels, normalised with mean ")
          .append(Arrays.toString(p.mean())).append(" and std ").append(Arrays.toString(p.std())).append(".\n");
        if (info.roiSize() != null) sb.append("- ROI side: ").append(info.roiSize()).append(" px of the resized image.\n");
        if (info.roiInput() != null) sb.append("- ROI input to stage 2: ").append(info.roiInput()).append(" px.\n");
        if (info.chainRoiCount() > 1) {
            sb.append("- Chained over the ").append(info.chainRoiCount()).append(" highest map cells: the image takes the cell")
              .append(" with the largest p(cell) * ps2(ROI) (METHOD.md: the argmax cell only).\n");
        }
        if (m.lseR() != null) sb.append("- LSE pooling r: ").append(m.lseR()).append(".\n");
        sb.append("\n## Thresholds\n\n")
          .append("- ROI mining p_hat: ").append(orUnknown(info.pHat())).append("\n")
          .append("- suspicious: ").append(orUnknown(info.thresholds().suspicious())).append("\n")
          .append("- fracture: ").append(orUnknown(info.thresholds().fracture())).append("\n");
        FeatureStatistics f = info.featureStatistics();
        sb.append("- out of scope: ").append(f == null ? "from the DICOM header only (no feature statistics)"
                : String.format(java.util.Locale.ROOT, "feature distance above %.3f (95th percentile over %d validation and the cross-fitted training images; "
                        + "%s, mean and %d principal axes of %d training images)", f.threshold(), f.validationImages(),
                        f.features(), f.axisVariances().length, f.trainImages())).append("\n");
        if (!info.notes().isEmpty()) {
            sb.append("\n## Notes\n\n");
            info.notes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append("\n"));
        }
        sb.append("\n## Versions\n\n");
        m.versions().forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append("\n"));
        sb.append("\nFormat version ").append(m.formatVersion())
          .append(". Weights: safetensors with torchvision parameter names; `model.json` holds the SHA-256 of each file.\n");
        return sb.toString();
    }

    private static String orUnknown(Double d) {
        return d == null ? "not yet chosen" : String.format("%.6f", d);
    }
}
