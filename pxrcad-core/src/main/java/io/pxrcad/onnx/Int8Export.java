package io.pxrcad.onnx;

import ai.onnx.proto.OnnxMl;
import io.pxrcad.Radiograph;
import io.pxrcad.artifact.ArtifactInfo;
import io.pxrcad.artifact.ModelArtifact;
import io.pxrcad.artifact.ModelArtifactException;
import io.pxrcad.artifact.NetworkConfig;
import io.pxrcad.image.Preprocessor;
import io.pxrcad.infer.NetworkRunner;
import io.pxrcad.infer.Tensor;
import io.pxrcad.infer.TwoStageChain;
import io.pxrcad.mining.RoiGeometry;
import io.pxrcad.phantom.PhantomConfig;
import io.pxrcad.phantom.PhantomGenerator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The int8 networks of an artifact: each float32 network ({@link OnnxExport}) is run by ONNX
 * Runtime on {@value #IMAGES} generated phantoms (half with fractures, seed {@value #SEED}),
 * preprocessed as inference preprocesses them, with the minimum and maximum of every tensor to
 * quantize as extra outputs ({@link QdqRewrite#calibration}); the ranges over all images give
 * the scales of the QDQ graph ({@link QdqRewrite#quantize}). Stage 2 is calibrated on the ROIs
 * the float chain cuts at stage 1's map maximum ({@link TwoStageChain}), the inputs it sees in
 * use. Plain minimum and maximum rather than a percentile: nothing is clipped, it needs no
 * histogram, and the test-set AUC it gives (docs/PERFORMANCE.md) left nothing for a percentile to
 * win back. Deterministic: the same artifact gives the same bytes. Nothing is downloaded. The
 * price is paid at load: eight float passes, about 14 s and a peak RSS of 3.3 GB for the paper
 * networks at 961 px on 2 cores (docs/PERFORMANCE.md).
 */
final class Int8Export {
    static final int IMAGES = 8;
    static final long SEED = 20170;

    private static final Map<String, Map<String, byte[]>> CACHE = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, byte[]>> eldest) {
            return size() > 2;
        }
    };

    private Int8Export() {}

    /**
     * {@link #models} remembered per artifact folder and version (the last two), so that the
     * stages of one detector, opened one by one, are calibrated once.
     */
    static Map<String, byte[]> cached(ModelArtifact artifact) {
        String key = artifact.dir().toAbsolutePath() + "@" + artifact.version();
        synchronized (CACHE) {
            Map<String, byte[]> m = CACHE.get(key);
            if (m == null) {
                m = models(artifact);
                CACHE.put(key, m);
            }
            return m;
        }
    }

    /** Every network of {@code artifact} as a serialised int8 (QDQ) ONNX model, by name. */
    static Map<String, byte[]> models(ModelArtifact artifact) {
        Map<String, OnnxExport.Built> built = new LinkedHashMap<>();
        Map<String, Recorder> recorders = new LinkedHashMap<>();
        try {
            for (String name : artifact.metadata().networks().keySet()) {
                OnnxExport.Built b = OnnxExport.build(artifact, name, true);
                built.put(name, b);
                List<String> tensors = QdqRewrite.measured(b.model().getGraph(), b.features());
                // the same values with BatchNormalization, which float32 runs much faster than a depthwise Conv
                byte[] calibration = QdqRewrite.calibration(OnnxExport.model(artifact, name), tensors).toByteArray();
                recorders.put(name, new Recorder(OrtRunner.shortLived(calibration, OnnxExport.inputSide(artifact, name),
                        "calibration graph of network " + name + " of " + artifact.dir()), b.model().getGraph().getOutputCount(), tensors));
            }
            calibrate(artifact, recorders);
        } finally {
            for (Recorder r : recorders.values()) r.close();
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxExport.Built> e : built.entrySet()) {
            OnnxMl.ModelProto q = QdqRewrite.quantize(e.getValue().model(), e.getValue().features(),
                    recorders.get(e.getKey()).ranges);
            out.put(e.getKey(), withPrecision(q).toByteArray());
        }
        return out;
    }

    private static void calibrate(ModelArtifact artifact, Map<String, Recorder> recorders) {
        ArtifactInfo info = artifact.metadata().info();
        Preprocessor pre = new Preprocessor(info.preprocessing());
        int size = info.preprocessing().imageSize();
        PhantomGenerator phantoms = new PhantomGenerator(PhantomConfig.defaults().withSize(Math.max(64, size)).withSeed(SEED));
        boolean chained = recorders.containsKey(ModelArtifact.STAGE1) && recorders.containsKey(ModelArtifact.STAGE2);
        TwoStageChain chain = chained ? new TwoStageChain(pre, new RoiGeometry(size, info.roiSize()), info.roiInput(),
                recorders.get(ModelArtifact.STAGE1), recorders.get(ModelArtifact.STAGE2), info.chainRoiCount()) : null;
        for (int i = 0; i < IMAGES; i++) {
            Radiograph r = (i % 2 == 0 ? phantoms.render(i) : phantoms.renderWithoutFractures(i)).image();
            float[] gray = pre.modelGray(r);
            if (chained) {
                chain.run(List.of(gray));
                continue;
            }
            for (Map.Entry<String, Recorder> e : recorders.entrySet()) {
                NetworkConfig.Role role = artifact.network(e.getKey()).config().role();
                if (role == NetworkConfig.Role.STAGE2_ROI) {
                    throw new ModelArtifactException("stage 2 of " + artifact.dir() + " has no stage 1 to cut its ROIs");
                }
                e.getValue().forward(Tensor.of(pre.toInput(gray, size), 1, 3, size, size));
            }
        }
    }

    private static OnnxMl.ModelProto withPrecision(OnnxMl.ModelProto m) {
        OnnxMl.ModelProto.Builder b = m.toBuilder();
        for (int i = 0; i < b.getMetadataPropsCount(); i++) {
            if (b.getMetadataProps(i).getKey().equals("precision")) {
                b.setMetadataProps(i, b.getMetadataProps(i).toBuilder().setValue(Precision.INT8.id()));
            }
        }
        b.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey("calibration")
                .setValue("min/max over " + IMAGES + " phantoms, seed " + SEED));
        return b.setDocString(m.getDocString() + "; int8 QDQ backbone, float32 heads").build();
    }

    /** Runs a calibration graph, passes the network's own outputs on and widens each tensor's range. */
    private static final class Recorder implements NetworkRunner {
        private final NetworkRunner runner;
        private final int outputs;
        private final List<String> tensors;
        final Map<String, QdqRewrite.Range> ranges = new LinkedHashMap<>();

        Recorder(NetworkRunner runner, int outputs, List<String> tensors) {
            this.runner = runner;
            this.outputs = outputs;
            this.tensors = tensors;
        }

        @Override
        public List<Tensor> forward(Tensor x) {
            List<Tensor> all = runner.forward(x);
            for (int i = 0; i < tensors.size(); i++) {
                QdqRewrite.Range r = new QdqRewrite.Range(all.get(outputs + 2 * i).data()[0], all.get(outputs + 2 * i + 1).data()[0]);
                ranges.merge(tensors.get(i), r, QdqRewrite.Range::union);
            }
            return new ArrayList<>(all.subList(0, outputs));
        }

        @Override
        public void close() {
            runner.close();
        }
    }
}
