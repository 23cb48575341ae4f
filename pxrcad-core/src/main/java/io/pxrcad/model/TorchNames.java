package io.pxrcad.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 1:1 mapping between a block's DJL parameters and torchvision state-dict names.
 *
 * <p>The path of a parameter is the chain of its blocks' child names (DJL prefixes each with a
 * two-digit index, which is dropped) joined by dots; a child named {@link #TRANSPARENT} adds no
 * segment (a wrapper that torchvision does not have). The last segment maps DJL's parameter names:
 * <table>
 *   <caption>DJL to torchvision</caption>
 *   <tr><th>DJL</th><th>torchvision</th></tr>
 *   <tr><td>Conv2d/Linear {@code weight}, {@code bias}</td><td>{@code weight}, {@code bias}</td></tr>
 *   <tr><td>BatchNorm {@code gamma}, {@code beta}</td><td>{@code weight}, {@code bias}</td></tr>
 *   <tr><td>BatchNorm {@code runningMean}, {@code runningVar}</td><td>{@code running_mean}, {@code running_var}</td></tr>
 * </table>
 * torch's {@code num_batches_tracked} buffers have no DJL counterpart and are skipped on import.
 */
final class TorchNames {
    /** Child name of a wrapper that adds no segment to the torchvision path. */
    static final String TRANSPARENT = "_";

    private static final Pattern LEGACY_DENSE =
            Pattern.compile("^(.*denselayer\\d+\\.(?:norm|relu|conv))\\.((?:[12])\\.(?:weight|bias|running_mean|running_var))$");

    private TorchNames() {}

    /** Every parameter of {@code block} (running statistics included) by torchvision name, in block order. */
    static Map<String, Parameter> of(Block block) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect(block, "", out);
        return out;
    }

    private static void collect(Block block, String prefix, Map<String, Parameter> out) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            out.put(prefix + torchParameterName(p.getKey()), p.getValue());
        }
        for (Pair<String, Block> c : block.getChildren()) {
            String name = c.getKey().substring(2);
            String childPrefix = name.equals(TRANSPARENT) ? prefix : prefix + name + ".";
            collect(c.getValue(), childPrefix, out);
        }
    }

    private static String torchParameterName(String djl) {
        return switch (djl) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            case "runningMean" -> "running_mean";
            case "runningVar" -> "running_var";
            default -> djl;
        };
    }

    /**
     * The torchvision name of a name found in a weight file: strips {@code module.} (DataParallel)
     * and maps the legacy DenseNet names ({@code denselayer1.norm.1.weight}, as torchvision's
     * loader does). timm's {@code *.tv_in1k} weights already use torchvision's names.
     */
    static String normalise(String name) {
        String n = name.startsWith("module.") ? name.substring("module.".length()) : name;
        Matcher m = LEGACY_DENSE.matcher(n);
        return m.matches() ? m.group(1) + m.group(2) : n;
    }

    /** A torch buffer with no DJL counterpart. */
    static boolean isIgnoredBuffer(String name) {
        return name.endsWith("num_batches_tracked");
    }
}
