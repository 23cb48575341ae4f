package io.pxrcad.onnx;

import org.bytedeco.onnx.global.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** ONNX's own checker (the C++ {@code onnx::checker::check_model} with full shape inference, via org.bytedeco:onnx). */
final class OnnxChecker {
    private OnnxChecker() {}

    /** Throws when the model file is not valid ONNX or its shapes do not infer to the declared ones. */
    static void check(Path file) {
        onnx.check_model(file.toString(), true);
    }

    static void check(Path file, byte[] model) throws IOException {
        Files.write(file, model);
        check(file);
    }
}
