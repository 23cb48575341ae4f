package io.pxrcad.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxrcad.AtomicFiles;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.EncodedNetwork;
import io.pxrcad.artifact.FeatureStatistics;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.artifact.SafeTensors;
import io.pxrcad.model.BackboneSpec;
import io.pxrcad.model.Backbones;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pxrcad.onnx.OnnxGraph.integer;
import static io.pxrcad.onnx.OnnxGraph.ints;

/**
 * Writes the networks of a {@link ModelArtifact} as standard ONNX models (opset {@value #OPSET}),
 * from the artifact's weight files and configuration alone (no engine): the same layers as the
 * DJL networks of io.pxrcad.model with batch norm folded into the convolutions where one follows
 * the other, a symbolic batch dimension {@code N} and fixed spatial sizes (the artifact's input
 * size for whole images, its ROI input for stage 2).
 *
 * <p>Input {@value #INPUT} {@code (N,3,S,S)}: the ImageNet-normalised image exactly as
 * {@code Preprocessor.toInput} makes it. Outputs in the order of {@link NetworkConfig.Role}:
 * stage 1 {@code lse (N,1), map (N,1,h,w), features (N,C*G*G)}; stage 2 {@code fracture (N,1)}
 * and, with a type output, {@code type (N,1)}; a baseline {@code probability (N,1)}. Metadata
 * ({@code metadata_props}): model id and version, network, the SHA-256 of the source weights,
 * preprocessing, thresholds and ROI sizes as JSON.
 */
public final class OnnxExport {
    public static final int OPSET = 17;
    /** ONNX IR version 8 goes with opset 17. */
    public static final int IR_VERSION = 8;
    public static final String INPUT = "image";
    /** File name suffix of an exported network ({@code stage1.onnx}). */
    public static final String SUFFIX = ".onnx";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExport() {}

    /** Writes every network of {@code artifact} to {@code dir}/{@code <name>.onnx} (atomically); returns the files. */
    public static List<Path> write(ModelArtifact artifact, Path dir) throws IOException {
        return write(artifact, dir, Precision.FP32);
    }

    /**
     * Writes every network of {@code artifact} at {@code precision} to {@code dir} (atomically;
     * {@link Precision#fileName}); returns the files. int8 calibrates on phantoms first
     * ({@link Int8Export}).
     */
    public static List<Path> write(ModelArtifact artifact, Path dir, Precision precision) throws IOException {
        Map<String, byte[]> models = new LinkedHashMap<>();
        if (precision == Precision.INT8) {
            models.putAll(Int8Export.models(artifact));
        } else {
            for (String name : artifact.metadata().networks().keySet()) models.put(name, export(artifact, name));
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : models.entrySet()) {
            Path file = dir.resolve(precision.fileName(e.getKey()));
            AtomicFiles.writeBytes(file, e.getValue());
            files.add(file);
        }
        return files;
    }

    /** Network {@code name} of {@code artifact} as a serialised float32 ONNX model. */
    public static byte[] export(ModelArtifact artifact, String name) {
        return model(artifact, name).toByteArray();
    }

    /** The output names of a network of this role, in order. */
    public static List<String> outputs(NetworkConfig config) {
        return switch (config.role()) {
            case STAGE1_MIL -> List.of("lse", "map", "features");
            case STAGE2_ROI -> config.typeOutput() ? List.of("fracture", "type") : List.of("fracture");
            case BASELINE_GAP, BASELINE_LSE -> List.of("probability");
        };
    }

    /** Side of the square input of network {@code name}: the ROI input for stage 2, else the image size. */
    public static int inputSide(ModelArtifact artifact, String name) {
        ArtifactInfo info = artifact.metadata().info();
        NetworkConfig.Role role = artifact.network(name).config().role();
        if (role == NetworkConfig.Role.STAGE2_ROI) {
            if (info.roiInput() == null) throw new IllegalArgumentException("no ROI input size in " + artifact.dir());
            return info.roiInput();
        }
        return info.preprocessing().imageSize();
    }

    static OnnxMl.ModelProto model(ModelArtifact artifact, String name) {
        return build(artifact, name).model();
    }

    /** A float32 model and the name of its backbone's output (where the heads begin). */
    record Built(OnnxMl.ModelProto model, String features) {}

    static Built build(ModelArtifact artifact, String name) {
        return build(artifact, name, false);
    }

    /** @param bnAsConv unfoldable batch norms as depthwise convolutions (for {@link QdqRewrite}) */
    static Built build(ModelArtifact artifact, String name, boolean bnAsConv) {
        EncodedNetwork net = artifact.network(name);
        String source = artifact.weightFile(name).toString();
        Weights weights = new Weights(SafeTensors.read(net.safetensors(), source), source);
        OnnxGraph g = new OnnxGraph("pxrcad-" + name);
        OnnxLayers l = new OnnxLayers(g, weights, bnAsConv);
        int side = inputSide(artifact, name);
        String x = g.input(INPUT, 3, side, side);
        BackboneSpec spec = Backbones.spec(net.config().backbone());
        String f = BackboneGraphs.features(l, spec, x);
        int h = BackboneGraphs.outputSide(spec, side);
        Heads.write(l, net.config(), f, h);
        weights.requireAllUsed();
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("pxrcad")
                .setProducerVersion(version())
                .setDomain("io.pxrcad")
                .setDocString("pxrcad " + artifact.metadata().info().method() + " network " + name + " ("
                        + net.config().role() + ", " + net.config().backbone() + "): input " + INPUT + " (N,3," + side + ","
                        + side + ") ImageNet-normalised; outputs " + String.join(", ", outputs(net.config())))
                .setGraph(g.build());
        metadata(artifact, name, net).forEach((k, v) -> m.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return new Built(m.build(), f);
    }

    private static Map<String, String> metadata(ModelArtifact artifact, String name, EncodedNetwork net) {
        ArtifactInfo info = artifact.metadata().info();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("model_id", info.method());
        m.put("model_version", artifact.version());
        m.put("network", name);
        m.put("role", net.config().role().id());
        m.put("backbone", net.config().backbone().id());
        m.put("weights_sha256", ModelArtifact.sha256(net.safetensors()));
        m.put("preprocessing", json(info.preprocessing()));
        m.put("thresholds", json(info.thresholds()));
        Map<String, Object> roi = new LinkedHashMap<>();
        roi.put("roiSize", info.roiSize());
        roi.put("roiInput", info.roiInput());
        roi.put("pHat", info.pHat());
        roi.put("chainRois", info.chainRoiCount());
        m.put("roi", json(roi));
        m.put("lse_r", Float.toString(net.config().lseR()));
        m.put("precision", Precision.FP32.id());
        return m;
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The heads of each role after the backbone's feature map {@code (N,C,h,h)}. */
    private static final class Heads {
        private Heads() {}

        static void write(OnnxLayers l, NetworkConfig config, String f, int h) {
            OnnxGraph g = l.graph();
            List<String> names = outputs(config);
            switch (config.role()) {
                case STAGE1_MIL -> {
                    String map = g.named("Sigmoid", "map", new String[] {l.conv(f, "mil", 1, 1, 0, true)});
                    g.named("Flatten", "lse", new String[] {lse(g, map, config.lseR(), "lse")}, integer("axis", 1));
                    gridPooled(g, f, h);
                    long c = l.weights().dim("mil.weight", 1);
                    g.output("lse", 1);
                    g.output("map", 1, h, h);
                    g.output("features", c * FeatureStatistics.GRID * FeatureStatistics.GRID);
                }
                case STAGE2_ROI, BASELINE_GAP, BASELINE_LSE -> {
                    String pooled = config.role() == NetworkConfig.Role.BASELINE_LSE
                            ? lse(g, f, config.lseR(), "pooled") : g.node("GlobalAveragePool", "pooled", new String[] {f});
                    String flat = g.node("Flatten", "pooled.flat", new String[] {pooled}, integer("axis", 1));
                    String[] heads = config.role() == NetworkConfig.Role.STAGE2_ROI
                            ? (config.typeOutput() ? new String[] {"fracture", "type"} : new String[] {"fracture"})
                            : new String[] {"head"};
                    for (int i = 0; i < heads.length; i++) {
                        g.named("Sigmoid", names.get(i), new String[] {l.linear(flat, heads[i])});
                        g.output(names.get(i), 1);
                    }
                }
            }
        }

        /**
         * LSE pooling over the spatial axes, {@code (N,C,h,w) -> (N,C,1,1)}, as LsePooling computes
         * it: {@code m/r + (1/r) log(mean(exp(r x - m)))} with {@code m = max(r x)}.
         */
        static String lse(OnnxGraph g, String x, float r, String name) {
            String rx = g.node("Mul", name + ".rx", new String[] {x, g.scalar(name + ".r", r)});
            String m = g.node("ReduceMax", name + ".max", new String[] {rx}, ints("axes", 2, 3), integer("keepdims", 1));
            String e = g.node("Exp", name + ".exp", new String[] {g.node("Sub", name + ".shifted", new String[] {rx, m})});
            String mean = g.node("ReduceMean", name + ".mean", new String[] {e}, ints("axes", 2, 3), integer("keepdims", 1));
            String sum = g.node("Add", name + ".sum", new String[] {g.node("Log", name + ".log", new String[] {mean}), m});
            return g.node("Div", name + ".div", new String[] {sum, g.scalar(name + ".r_div", r)});
        }

        /**
         * MilFcn.gridPooled: the mean of each cell of a G x G grid (rows {@code floor(i*h/G) ..
         * ceil((i+1)*h/G)}, as torch's adaptive average pooling), flattened channel-major to
         * {@code (N, C*G*G)}.
         */
        static String gridPooled(OnnxGraph g, String f, int h) {
            int grid = FeatureStatistics.GRID;
            String axes = g.int64s("grid.axes", 2, 3);
            String[] cells = new String[grid * grid];
            for (int i = 0; i < grid; i++) {
                for (int j = 0; j < grid; j++) {
                    long r0 = (long) i * h / grid, r1 = ((long) (i + 1) * h + grid - 1) / grid;
                    long c0 = (long) j * h / grid, c1 = ((long) (j + 1) * h + grid - 1) / grid;
                    String p = "grid." + i + "." + j;
                    String cell = g.node("Slice", p, new String[] {f, g.int64s(p + ".starts", r0, c0),
                            g.int64s(p + ".ends", r1, c1), axes});
                    cells[i * grid + j] = g.node("ReduceMean", p + ".mean", new String[] {cell}, ints("axes", 2, 3),
                            integer("keepdims", 1));
                }
            }
            String joined = g.node("Concat", "grid.cells", cells, integer("axis", 2));
            return g.named("Flatten", "features", new String[] {joined}, integer("axis", 1));
        }
    }
}
