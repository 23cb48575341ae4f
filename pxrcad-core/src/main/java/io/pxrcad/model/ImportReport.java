package io.pxrcad.model;

import java.util.List;

/**
 * What a weight import did.
 *
 * @param source  the file (or a description of it)
 * @param loaded  torchvision names of the tensors copied into the network, sorted by name
 * @param ignored names present in the file and deliberately not loaded (the ImageNet classifier, torch's
 *                {@code num_batches_tracked}), sorted by name
 */
public record ImportReport(String source, List<String> loaded, List<String> ignored) {
    public ImportReport {
        loaded = loaded.stream().sorted().toList();
        ignored = ignored.stream().sorted().toList();
    }

    /** e.g. {@code loaded 120 tensors from resnet18.safetensors; ignored 2: fc.bias, fc.weight}. */
    public String summary() {
        return "loaded " + loaded.size() + " tensors from " + source + "; ignored " + ignored.size()
                + (ignored.isEmpty() ? "" : ": " + String.join(", ", ignored.size() > 8 ? ignored.subList(0, 8) : ignored)
                + (ignored.size() > 8 ? ", ..." : ""));
    }
}
